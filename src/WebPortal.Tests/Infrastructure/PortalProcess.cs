using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace WebPortal.Tests.Infrastructure;

/// <summary>
/// The portal as a deployment runs it: <c>dotnet WebPortal.dll</c> in a process of its own, listening on a free
/// loopback port, configured by environment variables only.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;
    private readonly string _databasePath;

    private PortalProcess(Process process, ConcurrentQueue<string> output, string url, string databasePath)
    {
        _process = process;
        _output = output;
        _databasePath = databasePath;
        Url = url;
    }

    public string Url { get; }

    /// <summary>What the portal wrote to its console.</summary>
    public string Output => string.Join('\n', _output);

    /// <param name="publishedFolder">
    /// A deployment folder (<c>dotnet publish</c>'s output) to run the portal from, as its content root; by default
    /// the portal this test project was built with, with its project folder as content root, as <c>dotnet run</c> has it.
    /// </param>
    public static async Task<PortalProcess> StartAsync(string environment, IReadOnlyDictionary<string, string?> settings, string? publishedFolder = null)
    {
        var url = $"http://localhost:{FreeLoopbackPort()}";
        var databasePath = Path.Combine(Path.GetTempPath(), $"webportal-process-{Guid.NewGuid():N}.db");
        var contentRoot = publishedFolder ?? Path.Combine(RepositoryDirectory(), "src", "WebPortal");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(publishedFolder ?? AppContext.BaseDirectory, "WebPortal.dll")])
        {
            // appsettings and wwwroot come from the content root.
            WorkingDirectory = contentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = environment,
                ["ASPNETCORE_CONTENTROOT"] = contentRoot,
                ["ASPNETCORE_URLS"] = url,
                ["ConnectionStrings__Portal"] = $"Data Source={databasePath}",
                ["Logs__Directory"] = "",
            },
        };
        // The callback URL registered with KlasCement, which its refresh repeats: where this process listens.
        if (settings.ContainsKey("KlasCement:ClientId"))
        {
            start.Environment["KlasCement__RedirectUri"] = $"{url}/signin-klascement";
        }

        // Settings may override the defaults above, Logs:Directory among them.
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var output = new ConcurrentQueue<string>();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Keep(output, line.Data);
        process.ErrorDataReceived += (_, line) => Keep(output, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var portal = new PortalProcess(process, output, url, databasePath);
        await portal.WaitUntilAnsweringAsync();
        return portal;
    }

    private async Task WaitUntilAnsweringAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The portal exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync(Url);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The portal did not answer at {Url} within 60 s:\n{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        PortalFactory.DeleteDatabase(_databasePath);
    }

    private static void Keep(ConcurrentQueue<string> output, string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }

    internal static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The repository's root folder, where <c>WebPortal.sln</c> is.</summary>
    internal static string RepositoryDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "WebPortal.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The tests must run from inside the repository.");
    }
}
