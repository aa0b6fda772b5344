using System.Globalization;

namespace WebPortal.Bench;

/// <summary>
/// The portal as deployed, run by the test kit's <see cref="PortalProcess"/>: the Release build in a process of its
/// own (so that its memory is its own), configured through environment variables to use the stand-ins and a SQLite
/// file the bench may have seeded. Samples its resident memory every <see cref="SampleInterval"/> until measured.
/// </summary>
internal sealed class BenchPortal : IAsyncDisposable
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(100);

    private readonly PortalProcess _process;
    private readonly CancellationTokenSource _stopSampling = new();
    private readonly Task _sampling;
    private readonly long _startedRssKb;
    private long _peakSampledRssKb;

    private BenchPortal(PortalProcess process, TimeSpan coldStart)
    {
        _process = process;
        ColdStart = coldStart;
        _startedRssKb = ReadStatusKb("VmRSS") ?? 0;
        _sampling = SampleAsync(_stopSampling.Token);
    }

    /// <summary>The admin the portal is configured with (<c>Portal:Admins</c>): An Peeters, whom the bench signs in.</summary>
    public const string AdminIdentity = $"KlasCement:{Members.AnPeeters}";

    public Uri BaseUrl => _process.BaseUrl;

    /// <summary>From starting the process to its first 200 to <c>GET /</c> (polled every 100 ms), on the bench's database.</summary>
    public TimeSpan ColdStart { get; }

    public int Id => _process.Id;

    /// <summary>Log lines the portal wrote (Warning and above), the last 200.</summary>
    public IReadOnlyCollection<string> Output => _process.Output;

    /// <summary>
    /// Starts the portal published to <paramref name="publishedFolder"/>, which is also its content root, on the database
    /// in <paramref name="dataDirectory"/>, which it deletes when disposed or when it fails to start;
    /// <paramref name="settings"/> come on top of the bench's (another database, Redis).
    /// </summary>
    public static async Task<BenchPortal> StartAsync(
        string publishedFolder, Uri baseUrl, KlasCementStandIn standIn, MyOrganizerStandIn myOrganizer, DirectoryInfo dataDirectory,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var process = await PortalProcess.StartAsync(new PortalProcessOptions
            {
                PortalDll = Path.Combine(publishedFolder, BenchSettings.PortalDllName),
                ContentRoot = publishedFolder,
                BaseUrl = baseUrl,
                DataDirectory = dataDirectory,
                KeptOutputLines = 200,
                StandIns = [standIn, myOrganizer],
                Settings = new Dictionary<string, string?>(Settings(baseUrl).Concat(settings ?? new Dictionary<string, string?>())),
            });
            return new BenchPortal(process, clock.Elapsed);
        }
        catch (PortalStartException failed)
        {
            throw new BenchmarkFailedException(failed.Message);
        }
    }

    /// <summary>The configuration the bench gives the portal on top of the kit's (Production, the database, no file log) and the stand-ins'.</summary>
    private static Dictionary<string, string?> Settings(Uri baseUrl) =>
        new()
        {
            ["AllowedHosts"] = baseUrl.Host,
            ["Portal:Admins:0"] = AdminIdentity,
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };

    /// <summary>The MyOrganizer variables as the report shows them: the stand-in's address as a placeholder, secrets by name only.</summary>
    public static IReadOnlyList<string> DescribeMyOrganizerVariables(MyOrganizerStandIn myOrganizer) =>
    [
        .. myOrganizer.PortalSettings
            .OrderBy(setting => setting.Key, StringComparer.Ordinal)
            .Select(setting => (Key: PortalProcess.AsVariable(setting.Key), Value: setting.Value ?? ""))
            .Select(variable => variable.Key.EndsWith("Secret", StringComparison.Ordinal)
                ? $"`{variable.Key}` (the stand-in's, made up for the run)"
                : $"`{variable.Key}={variable.Value.Replace(myOrganizer.BaseUrl, "<MyOrganizer stand-in>", StringComparison.Ordinal)}`"),
    ];

    /// <summary>Stops sampling and reads the figures; call it while the process still runs.</summary>
    public async Task<MemoryFigures> MeasureMemoryAsync()
    {
        await StopSamplingAsync();
        var peakKb = ReadStatusKb("VmHWM") ?? throw new BenchmarkFailedException("The portal exited before its peak memory could be read.");
        return new MemoryFigures(_startedRssKb, peakKb, Interlocked.Read(ref _peakSampledRssKb), ReadStatusKb("VmRSS") ?? 0);
    }

    public async ValueTask DisposeAsync()
    {
        await StopSamplingAsync();
        _stopSampling.Dispose();
        await _process.DisposeAsync();
    }

    private async Task StopSamplingAsync()
    {
        await _stopSampling.CancelAsync();
        await _sampling;
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

    private long? ReadStatusKb(string field) => ProcStatus.ReadKb(_process.Id.ToString(CultureInfo.InvariantCulture), field);
}

/// <summary>Memory figures of a process, from Linux's <c>/proc</c>.</summary>
internal static class ProcStatus
{
    /// <summary>A memory figure of <c>/proc/{process}/status</c> in kB; <paramref name="process"/> is a pid or <c>self</c>.</summary>
    public static long? ReadKb(string process, string field)
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
}

/// <param name="StartedRssKb">VmRSS once the portal first answered GET /.</param>
/// <param name="PeakRssKb">VmHWM: the highest resident set the kernel saw over the process's life.</param>
/// <param name="PeakSampledRssKb">The highest VmRSS of the samples taken during the run.</param>
/// <param name="FinalRssKb">VmRSS at the end of the run.</param>
internal sealed record MemoryFigures(long StartedRssKb, long PeakRssKb, long PeakSampledRssKb, long FinalRssKb);
