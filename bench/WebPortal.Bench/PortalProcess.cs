using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace WebPortal.Bench;

/// <summary>
/// The portal as deployed: the Release build in a process of its own (so that its memory is its own), configured
/// through environment variables to use the stand-ins and a temporary SQLite file. Samples its resident memory
/// every <see cref="SampleInterval"/> until stopped.
/// </summary>
internal sealed class PortalProcess : IAsyncDisposable
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private const int KeptOutputLines = 200;

    private readonly Process _process;
    private readonly DirectoryInfo _dataDirectory;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly CancellationTokenSource _stopSampling = new();
    private readonly Task _sampling;
    private readonly PosixSignalRegistration[] _signals;
    private long _peakSampledRssKb;
    private long _startedRssKb;

    private PortalProcess(Process process, DirectoryInfo dataDirectory, Uri baseUrl)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        BaseUrl = baseUrl;
        _process.OutputDataReceived += (_, line) => Keep(line.Data);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _sampling = SampleAsync(_stopSampling.Token);

        // Never leave a portal behind, even when the bench is interrupted or crashes.
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;
        _signals = [PosixSignalRegistration.Create(PosixSignal.SIGINT, KillOnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, KillOnSignal)];
    }

    /// <summary>The admin the portal is configured with (<c>Portal:Admins</c>): An Peeters, whom the bench signs in.</summary>
    public const string AdminIdentity = $"KlasCement:{Members.AnPeeters}";

    public Uri BaseUrl { get; }

    public int Id => _process.Id;

    /// <summary>Log lines the portal wrote (Warning and above), the last <see cref="KeptOutputLines"/>.</summary>
    public IReadOnlyCollection<string> Output => _output;

    /// <summary>A free loopback address for the portal, known before it starts: MyOrganizer's stand-in registers its callback.</summary>
    public static Uri NewBaseUrl() => new($"http://127.0.0.1:{FreeLoopbackPort()}");

    /// <summary>A new folder for the portal's database, which <see cref="StartAsync"/> takes over.</summary>
    public static DirectoryInfo NewDataDirectory() => Directory.CreateTempSubdirectory("webportal-bench-");

    /// <summary>The portal's SQLite file in <paramref name="dataDirectory"/>: seed it before the portal starts, or leave it to the portal's migrations.</summary>
    public static string DatabasePath(DirectoryInfo dataDirectory) => Path.Combine(dataDirectory.FullName, "bench.db");

    /// <summary>Starts the portal on the database in <paramref name="dataDirectory"/>, which it deletes when disposed or when it fails to start.</summary>
    public static async Task<PortalProcess> StartAsync(string portalDll, string contentRoot, Uri baseUrl, KlasCementStandIn standIn, MyOrganizerStandIn myOrganizer, DirectoryInfo dataDirectory)
    {
        if (!File.Exists(portalDll))
        {
            dataDirectory.Delete(recursive: true);
            throw new BenchmarkFailedException($"{portalDll} does not exist: build src/WebPortal in Release first (bench/run.sh does).");
        }

        var start = new ProcessStartInfo(DotnetHost())
        {
            ArgumentList = { portalDll },
            // The content root: the project folder has appsettings.json and wwwroot, as a deployment's folder would.
            WorkingDirectory = contentRoot,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in EnvironmentVariables(baseUrl, dataDirectory, standIn, myOrganizer))
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start);
        if (process is null)
        {
            dataDirectory.Delete(recursive: true);
            throw new BenchmarkFailedException("Could not start the portal.");
        }

        var portal = new PortalProcess(process, dataDirectory, baseUrl);
        try
        {
            await portal.WaitUntilReadyAsync();
            portal._startedRssKb = portal.ReadStatusKb("VmRSS") ?? 0;
            return portal;
        }
        catch
        {
            await portal.DisposeAsync();
            throw;
        }
    }

    /// <summary>The whole configuration the bench gives the portal, on top of its appsettings.json.</summary>
    private static IReadOnlyList<(string Key, string Value)> EnvironmentVariables(Uri baseUrl, DirectoryInfo dataDirectory, KlasCementStandIn standIn, MyOrganizerStandIn myOrganizer) =>
    [
        ("ASPNETCORE_ENVIRONMENT", "Production"),
        ("ASPNETCORE_URLS", baseUrl.ToString().TrimEnd('/')),
        ("AllowedHosts", baseUrl.Host),
        ("ConnectionStrings__Portal", $"Data Source={DatabasePath(dataDirectory)}"),
        ("Portal__Admins__0", AdminIdentity),
        ("KlasCement__ClientId", KlasCementStandIn.ClientId),
        ("KlasCement__ClientSecret", standIn.ClientSecret),
        ("KlasCement__AuthorizationEndpoint", standIn.AuthorizationEndpoint.ToString()),
        ("KlasCement__TokenEndpoint", standIn.TokenEndpoint.ToString()),
        ("KlasCement__RefreshTokenEndpoint", standIn.RefreshTokenEndpoint.ToString()),
        ("KlasCement__UserInformationEndpoint", standIn.UserInformationEndpoint.ToString()),
        ("KlasCement__RedirectUri", new Uri(baseUrl, "/signin-klascement").ToString()),
        ("Logs__Directory", ""),
        ("Serilog__MinimumLevel__Default", "Warning"),
        .. MyOrganizerVariables(myOrganizer),
    ];

    /// <summary>
    /// The portal's MyOrganizer settings pointing at the stand-in (<see cref="MyOrganizerStandIn.PortalSettings"/>) as
    /// environment variables: <c>AzureAdB2C:Instance</c> becomes <c>AzureAdB2C__Instance</c>.
    /// </summary>
    private static IEnumerable<(string Key, string Value)> MyOrganizerVariables(MyOrganizerStandIn myOrganizer) =>
        myOrganizer.PortalSettings
            .OrderBy(setting => setting.Key, StringComparer.Ordinal)
            .Select(setting => (setting.Key.Replace(":", "__", StringComparison.Ordinal), setting.Value ?? ""));

    /// <summary>The MyOrganizer variables as the report shows them: the stand-in's address as a placeholder, secrets by name only.</summary>
    public static IReadOnlyList<string> DescribeMyOrganizerVariables(MyOrganizerStandIn myOrganizer) =>
    [
        .. MyOrganizerVariables(myOrganizer).Select(variable => variable.Key.EndsWith("Secret", StringComparison.Ordinal)
            ? $"`{variable.Key}` (the stand-in's, made up for the run)"
            : $"`{variable.Key}={variable.Value.Replace(myOrganizer.BaseUrl, "<MyOrganizer stand-in>", StringComparison.Ordinal)}`"),
    ];

    /// <summary>Stops sampling and reads the figures; call it while the process still runs.</summary>
    public async Task<MemoryFigures> MeasureMemoryAsync()
    {
        await _stopSampling.CancelAsync();
        await _sampling;
        var peakKb = ReadStatusKb("VmHWM") ?? throw new BenchmarkFailedException("The portal exited before its peak memory could be read.");
        return new MemoryFigures(_startedRssKb, peakKb, Interlocked.Read(ref _peakSampledRssKb), ReadStatusKb("VmRSS") ?? 0);
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        foreach (var signal in _signals)
        {
            signal.Dispose();
        }

        await _stopSampling.CancelAsync();
        await _sampling;
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        _stopSampling.Dispose();
        _dataDirectory.Delete(recursive: true);
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new BenchmarkFailedException($"The portal exited with code {_process.ExitCode} while starting:{Environment.NewLine}{string.Join(Environment.NewLine, _output)}");
            }

            try
            {
                using var response = await http.GetAsync(BaseUrl);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new BenchmarkFailedException($"The portal did not answer GET / with 200 within {StartTimeout.TotalSeconds} s.");
    }

    private async Task SampleAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(SampleInterval);
        try
        {
            do
            {
                if (ReadStatusKb("VmRSS") is { } rss && rss > Interlocked.Read(ref _peakSampledRssKb))
                {
                    Interlocked.Exchange(ref _peakSampledRssKb, rss);
                }
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private long? ReadStatusKb(string field) => ReadStatusKb(_process.Id.ToString(CultureInfo.InvariantCulture), field);

    /// <summary>A memory figure of <c>/proc/{process}/status</c> in kB; <paramref name="process"/> is a pid or <c>self</c>.</summary>
    public static long? ReadStatusKb(string process, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{process}/status"))
            {
                // e.g. "VmHWM:	  123456 kB"
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                {
                    return long.Parse(line[(field.Length + 1)..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process is gone.
        }

        return null;
    }

    private void KillOnExit(object? sender, EventArgs e) => KillAndDeleteData();

    private void KillOnSignal(PosixSignalContext context) => KillAndDeleteData();

    private void KillAndDeleteData()
    {
        Kill();
        try
        {
            _process.WaitForExit(TimeSpan.FromSeconds(5));
            _dataDirectory.Delete(recursive: true);
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException)
        {
            // Exiting anyway; a temporary folder may stay behind.
        }
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

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > KeptOutputLines)
        {
            _output.TryDequeue(out _);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The <c>dotnet</c> host that runs the bench, so that the portal runs on the same runtime.</summary>
    private static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
}

/// <param name="StartedRssKb">VmRSS once the portal first answered GET /.</param>
/// <param name="PeakRssKb">VmHWM: the highest resident set the kernel saw over the process's life.</param>
/// <param name="PeakSampledRssKb">The highest VmRSS of the samples taken during the run.</param>
/// <param name="FinalRssKb">VmRSS at the end of the run.</param>
internal sealed record MemoryFigures(long StartedRssKb, long PeakRssKb, long PeakSampledRssKb, long FinalRssKb);
