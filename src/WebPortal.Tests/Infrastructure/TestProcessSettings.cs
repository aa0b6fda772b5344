using System.Runtime.CompilerServices;

namespace WebPortal.Tests.Infrastructure;

/// <summary>Settings of the test process itself, applied before any test host is built.</summary>
internal static class TestProcessSettings
{
    /// <summary>
    /// The tests run dozens of hosts (portals and stand-ins) at once, and each would watch its appsettings files for
    /// changes: one inotify instance per watcher, against a limit of 128 per user on Linux. No test changes a
    /// settings file while a host runs, so the hosts built in this process do not watch them, and the files they do
    /// watch (wwwroot, for asp-append-version) are polled instead.
    /// </summary>
    [ModuleInitializer]
    internal static void DoNotWatchFilesWithInotify()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }
}
