using System.Runtime.InteropServices;
using System.Text.Json;

namespace WebPortal.Bench;

/// <summary>The machine and toolchain a run's figures belong to.</summary>
internal sealed record MachineInfo(
    int LogicalCores,
    string CpuModel,
    long MemoryMiB,
    string OperatingSystem,
    string SdkVersion,
    string Runtime,
    bool PortalUsesServerGc,
    string WrkVersion)
{
    public static async Task<MachineInfo> ReadAsync(BenchSettings settings) => new(
        Environment.ProcessorCount,
        ProcField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        long.TryParse(ProcField("/proc/meminfo", "MemTotal")?.Replace("kB", "", StringComparison.Ordinal).Trim(), out var kb) ? kb / 1024 : 0,
        RuntimeInformation.OSDescription,
        await CommandLine.OutputOfAsync("dotnet", "--version", settings.RepositoryRoot), // global.json there picks the SDK
        RuntimeInformation.FrameworkDescription,
        PortalAsksServerGc(settings),
        await Wrk.VersionAsync());

    private static string? ProcField(string path, string field) =>
        File.Exists(path)
            ? File.ReadLines(path)
                .Where(line => line.StartsWith(field, StringComparison.Ordinal) && line.Contains(':', StringComparison.Ordinal))
                .Select(line => line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())
                .FirstOrDefault()
            : null;

    /// <summary>Whether the published portal's <c>runtimeconfig.json</c> asks for Server GC (<c>System.GC.Server</c>).</summary>
    public static bool PortalAsksServerGc(BenchSettings settings)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(settings.PortalDll, ".runtimeconfig.json")));
        return document.RootElement.TryGetProperty("runtimeOptions", out var options)
            && options.TryGetProperty("configProperties", out var properties)
            && properties.TryGetProperty("System.GC.Server", out var server)
            && server.ValueKind == JsonValueKind.True;
    }
}
