using System.Diagnostics;

namespace WebPortal.Tests.Configuration;

/// <summary>
/// The production build, as <c>dotnet publish</c> and the Docker image make it: Release, without the stand-in
/// providers or OpenIddict's server, which only a Debug build (<c>dotnet run</c>, these tests) contains.
/// </summary>
public sealed class SandboxReleaseBuildTests(ReleasePublish release) : IClassFixture<ReleasePublish>
{
    [Fact]
    public void The_release_build_contains_neither_the_stand_ins_nor_OpenIddict()
    {
        var files = Directory.GetFiles(release.Folder).Select(Path.GetFileName).ToList();
        var dependencies = File.ReadAllText(Path.Combine(release.Folder, "WebPortal.deps.json"));

        Assert.Contains("WebPortal.dll", files);
        Assert.DoesNotContain(files, file => file!.StartsWith("WebPortal.Sandbox", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(files, file => file!.StartsWith("OpenIddict", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("WebPortal.Sandbox", dependencies, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("OpenIddict", dependencies, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task In_Development_the_release_build_says_it_has_no_sandbox_and_starts_without_it()
    {
        var portal = await PortalProcess.StartAsync(new PortalProcessOptions
        {
            Environment = "Development",
            Settings = new Dictionary<string, string?> { ["Sandbox:Enabled"] = "true" },
            PortalDll = Path.Combine(release.Folder, "WebPortal.dll"),
            ContentRoot = release.Folder,
        });
        string start;
        try
        {
            using var client = new HttpClient();
            start = await client.GetStringAsync(portal.Url);
        }
        finally
        {
            // Once the process has ended, all it wrote to the console has been read.
            await portal.DisposeAsync();
        }

        Assert.Contains("Sandbox:Enabled is ignored: this build has no sandbox", string.Join('\n', portal.Output), StringComparison.Ordinal);
        Assert.DoesNotContain("Sign in with KlasCement", start, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign in with MyOrganizer", start, StringComparison.Ordinal);
    }
}

/// <summary>
/// <c>dotnet publish src/WebPortal -c Release</c> into a temporary folder, once for the class. Its intermediate and
/// output files go to a folder of their own (<c>--artifacts-path</c>, restore included), so that it never touches the
/// Debug build of the portal these tests run.
/// </summary>
public sealed class ReleasePublish : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"webportal-release-{Guid.NewGuid():N}");

    public string Folder => Path.Combine(_root, "publish");

    public async Task InitializeAsync()
    {
        var repository = RepositoryRoot.Find();
        var start = new ProcessStartInfo(
            "dotnet",
            [
                "publish", Path.Combine(repository, "src", "WebPortal", "WebPortal.csproj"),
                "--configuration", "Release",
                "--output", Folder,
                "--artifacts-path", Path.Combine(_root, "artifacts"),

                // No compiler or MSBuild server left running after the test, holding the output pipes open.
                "--disable-build-servers",
                "-nologo",
            ])
        {
            // The repository's global.json picks the same SDK as the build of these tests.
            WorkingDirectory = repository,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        // `dotnet test` hands its MSBuild settings (MSBuildExtensionsPath, MSBuildSDKsPath, …) down to the test
        // process; the publish must find its own, as from a shell.
        foreach (var name in start.Environment.Keys.Where(key => key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();

        // Only against a publish that hangs: on a busy machine it takes minutes.
        using var hang = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        try
        {
            await process.WaitForExitAsync(hang.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish exited with {process.ExitCode}:\n{await output}\n{await errors}");
        }
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }

        return Task.CompletedTask;
    }
}
