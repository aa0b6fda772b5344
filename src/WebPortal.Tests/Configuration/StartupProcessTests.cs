using System.Diagnostics;

namespace WebPortal.Tests.Configuration;

/// <summary>The portal as a deployment starts it: its own process, configured by environment variables.</summary>
public sealed class StartupProcessTests
{
    [Fact]
    public async Task A_misconfigured_portal_exits_with_one_line_naming_the_key_and_no_stack_trace()
    {
        var database = Path.Combine(Path.GetTempPath(), $"webportal-misconfigured-{Guid.NewGuid():N}.db");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "WebPortal.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
                ["ConnectionStrings__Portal"] = $"Data Source={database}",
                ["Logs__Directory"] = "",
                ["KlasCement__ClientId"] = "our-organisation",
                ["KlasCement__ClientSecret"] = "",
            },
        };

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            var console = await output + await errors;

            Assert.Equal(1, process.ExitCode);
            var line = Assert.Single(console.Split('\n'), l => l.Contains("cannot start", StringComparison.Ordinal));
            Assert.Contains("WebPortal cannot start: KlasCement:ClientSecret is required when KlasCement:ClientId is set.", line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", console, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", console, StringComparison.Ordinal);
        }
        finally
        {
            Infrastructure.PortalFactory.DeleteDatabase(database);
        }
    }

    [Fact]
    public async Task The_portal_writes_its_log_to_a_daily_file_in_the_configured_folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"webportal-logs-{Guid.NewGuid():N}");
        try
        {
            await using (var portal = await PortalProcess.StartAsync("Production", new Dictionary<string, string?> { ["Logs:Directory"] = folder }))
            {
                using var client = new HttpClient();
                using var start = await client.GetAsync(portal.Url);
            }

            var file = Assert.Single(Directory.GetFiles(folder, "webportal-*.log"));
            var log = await File.ReadAllTextAsync(file);
            Assert.Contains("Sign-in with KlasCement is off", log, StringComparison.Ordinal);
            Assert.Contains("HTTP GET / responded 200", log, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
