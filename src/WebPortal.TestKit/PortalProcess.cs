using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using WebPortal.Sandbox;

namespace WebPortal.TestKit;

/// <summary>How to start the portal in a process of its own; only what differs from a test's defaults needs saying.</summary>
public sealed record PortalProcessOptions
{
    /// <summary><c>ASPNETCORE_ENVIRONMENT</c>.</summary>
    public string Environment { get; init; } = "Production";

    /// <summary>Configuration keys (<c>KlasCement:ClientId</c>), given as environment variables (<c>KlasCement__ClientId</c>); they override the defaults below.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>The providers' stand-ins the portal is pointed at (<see cref="IProviderStandIn.PortalSettingsFor"/> its address); <see cref="Settings"/> win over theirs.</summary>
    public IReadOnlyList<IProviderStandIn> StandIns { get; init; } = [];

    /// <summary>The build to run: by default the one next to the caller (a test project references the portal).</summary>
    public string PortalDll { get; init; } = Path.Combine(AppContext.BaseDirectory, "WebPortal.dll");

    /// <summary>The content root: by default the project folder, as <c>dotnet run</c> has it, where appsettings and wwwroot are.</summary>
    public string? ContentRoot { get; init; }

    /// <summary>Where the portal listens; a free loopback port on <c>localhost</c> when not given.</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>A folder for the portal's database (<see cref="PortalProcess.DatabasePath"/>), which the process takes over and deletes; a new one when not given.</summary>
    public DirectoryInfo? DataDirectory { get; init; }

    /// <summary>How many of the last console lines to keep.</summary>
    public int KeptOutputLines { get; init; } = 1000;
}

/// <summary>The portal could not be started, or did not answer in time.</summary>
public sealed class PortalStartException(string message) : Exception(message);

/// <summary>
/// The portal as a deployment runs it: <c>dotnet WebPortal.dll</c> in a process of its own, listening on a loopback
/// port, configured by environment variables only, on a SQLite file in a folder of its own. Started, it answers
/// <c>GET /</c> with 200; disposed, it is stopped and its folder deleted. It never outlives the process that started it.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly DirectoryInfo _dataDirectory;
    private readonly int _keptOutputLines;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly PosixSignalRegistration[] _signals;
    private int _disposed;

    private PortalProcess(Process process, DirectoryInfo dataDirectory, Uri baseUrl, int keptOutputLines)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        _keptOutputLines = keptOutputLines;
        BaseUrl = baseUrl;
        _process.OutputDataReceived += (_, line) => Keep(line.Data);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // Never leave a portal behind, even when the process that started it is interrupted or crashes.
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;
        _signals = [PosixSignalRegistration.Create(PosixSignal.SIGINT, KillOnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, KillOnSignal)];
    }

    public Uri BaseUrl { get; }

    /// <summary><see cref="BaseUrl"/> as text, without a trailing slash: <c>{Url}/profile</c>.</summary>
    public string Url => BaseUrl.GetLeftPart(UriPartial.Authority);

    public int Id => _process.Id;

    /// <summary>What the portal wrote to its console, the last <see cref="PortalProcessOptions.KeptOutputLines"/> lines.</summary>
    public IReadOnlyCollection<string> Output => _output;

    /// <summary>A free loopback address for a portal, known before it starts (e.g. for a stand-in to register its callback).</summary>
    public static Uri NewBaseUrl(string host = "localhost") => new($"http://{host}:{LoopbackPort.Free()}");

    /// <summary>A new folder for a portal's database: seed it before the portal starts, or leave it to the portal's migrations.</summary>
    public static DirectoryInfo NewDataDirectory() => Directory.CreateTempSubdirectory("webportal-process-");

    /// <summary>The portal's SQLite file in <paramref name="dataDirectory"/>.</summary>
    public static string DatabasePath(DirectoryInfo dataDirectory) => Path.Combine(dataDirectory.FullName, "portal.db");

    /// <summary>Starts the portal in <paramref name="environment"/> with the tests' defaults and <paramref name="settings"/>.</summary>
    public static Task<PortalProcess> StartAsync(string environment, IReadOnlyDictionary<string, string?> settings) =>
        StartAsync(new PortalProcessOptions { Environment = environment, Settings = settings });

    /// <summary>Starts the portal in <paramref name="environment"/> with the tests' defaults, pointed at <paramref name="standIns"/>.</summary>
    public static Task<PortalProcess> StartAsync(string environment, params IReadOnlyList<IProviderStandIn> standIns) =>
        StartAsync(new PortalProcessOptions { Environment = environment, StandIns = standIns });

    public static async Task<PortalProcess> StartAsync(PortalProcessOptions options)
    {
        var dataDirectory = options.DataDirectory ?? NewDataDirectory();
        if (!File.Exists(options.PortalDll))
        {
            dataDirectory.Delete(recursive: true);
            throw new PortalStartException($"{options.PortalDll} does not exist: build src/WebPortal first.");
        }

        var baseUrl = options.BaseUrl ?? NewBaseUrl();
        var contentRoot = options.ContentRoot ?? Path.Combine(RepositoryRoot.Find(), "src", "WebPortal");
        var start = new ProcessStartInfo(DotnetHost(), [options.PortalDll])
        {
            WorkingDirectory = contentRoot,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in Variables(options, contentRoot, baseUrl, dataDirectory))
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start);
        if (process is null)
        {
            dataDirectory.Delete(recursive: true);
            throw new PortalStartException("Could not start the portal.");
        }

        var portal = new PortalProcess(process, dataDirectory, baseUrl, options.KeptOutputLines);
        try
        {
            await portal.WaitUntilAnsweringAsync();
            return portal;
        }
        catch
        {
            await portal.DisposeAsync();
            throw;
        }
    }

    /// <summary>The whole configuration the portal gets on top of its appsettings.json; the stand-ins', then the options' settings win.</summary>
    private static Dictionary<string, string?> Variables(PortalProcessOptions options, string contentRoot, Uri baseUrl, DirectoryInfo dataDirectory)
    {
        var variables = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = options.Environment,
            ["ASPNETCORE_CONTENTROOT"] = contentRoot,
            ["ASPNETCORE_URLS"] = baseUrl.GetLeftPart(UriPartial.Authority),
            ["ConnectionStrings__Portal"] = $"Data Source={DatabasePath(dataDirectory)}",
            ["Logs__Directory"] = "",
        };
        foreach (var (key, value) in options.StandIns.SelectMany(standIn => standIn.PortalSettingsFor(baseUrl)).Concat(options.Settings))
        {
            variables[AsVariable(key)] = value;
        }

        return variables;
    }

    /// <summary>A configuration key as an environment variable: <c>AzureAdB2C:Instance</c> becomes <c>AzureAdB2C__Instance</c>.</summary>
    public static string AsVariable(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>Stops the portal, as a crash would (it is killed); a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        foreach (var signal in _signals)
        {
            signal.Dispose();
        }

        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        DeleteData();
    }

    private async Task WaitUntilAnsweringAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new PortalStartException($"The portal exited with {_process.ExitCode} while starting:\n{string.Join('\n', _output)}");
            }

            try
            {
                using var response = await client.GetAsync(BaseUrl);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new PortalStartException($"The portal did not answer GET {BaseUrl} with 200 within {StartTimeout.TotalSeconds} s:\n{string.Join('\n', _output)}");
    }

    private void KillOnExit(object? sender, EventArgs e) => KillAndDeleteData();

    private void KillOnSignal(PosixSignalContext context) => KillAndDeleteData();

    private void KillAndDeleteData()
    {
        Kill();
        try
        {
            _process.WaitForExit(TimeSpan.FromSeconds(5));
        }
        catch (InvalidOperationException)
        {
            // Exiting anyway.
        }

        DeleteData();
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private void DeleteData()
    {
        try
        {
            _dataDirectory.Delete(recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Deleted already, on exit.
        }
        catch (IOException)
        {
            // A temporary folder may stay behind.
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > _keptOutputLines)
        {
            _output.TryDequeue(out _);
        }
    }

    /// <summary>The <c>dotnet</c> host running this process, so that the portal runs on the same runtime.</summary>
    private static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
}
