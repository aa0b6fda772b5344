using System.Diagnostics;
using System.Net;
using System.Text;

namespace WebPortal.Bench;

/// <summary>
/// A closed-loop load generator: <c>connections</c> workers, each with its own connection, send GETs back to back
/// for a warm-up (not counted) and then for the measured duration. A response counts as a success only when it is a
/// 200 that contains the expected text. Each request carries the same credentials: a session cookie, a bearer token, or
/// none (when the URL itself carries them).
/// </summary>
internal sealed class LoadGenerator(int connections, TimeSpan warmUp, TimeSpan duration, CpuMeter cpu)
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    public async Task<LoadResult> RunAsync(Uri url, Credentials? credentials, string expectedText)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            UseCookies = false,
            AllowAutoRedirect = false,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        };
        using var client = new HttpClient(handler) { Timeout = RequestTimeout };
        var target = new Target(client, url, credentials, Encoding.UTF8.GetBytes(expectedText));

        await RunPhaseAsync(target, warmUp, new LatencyHistogram());

        var histogram = new LatencyHistogram();
        var cpuBefore = cpu.Take();
        var measured = Stopwatch.StartNew();
        var counts = await RunPhaseAsync(target, duration, histogram);
        measured.Stop();
        var cpuUsage = CpuMeter.Between(cpuBefore, cpu.Take());
        return new LoadResult(
            connections,
            measured.Elapsed,
            counts.Succeeded,
            counts.Failed,
            counts.FirstFailure,
            histogram.Percentile(50),
            histogram.Percentile(95),
            histogram.Percentile(99),
            histogram.Max,
            cpuUsage);
    }

    private async Task<PhaseCounts> RunPhaseAsync(Target target, TimeSpan length, LatencyHistogram histogram)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(length.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, connections).Select(_ => Task.Run(() => WorkAsync(target, deadline, histogram)));
        var counts = await Task.WhenAll(workers);
        return new PhaseCounts(
            counts.Sum(c => c.Succeeded),
            counts.Sum(c => c.Failed),
            counts.Select(c => c.FirstFailure).FirstOrDefault(f => f is not null));
    }

    private static async Task<PhaseCounts> WorkAsync(Target target, long deadline, LatencyHistogram histogram)
    {
        long succeeded = 0, failed = 0;
        string? firstFailure = null;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var started = Stopwatch.GetTimestamp();
            var failure = await SendAsync(target);
            if (failure is null)
            {
                histogram.Record(Stopwatch.GetElapsedTime(started));
                succeeded++;
            }
            else
            {
                failed++;
                firstFailure ??= failure;
            }
        }

        return new PhaseCounts(succeeded, failed, firstFailure);
    }

    /// <summary>Sends one request; returns null when the answer was the expected one, else what was wrong with it.</summary>
    private static async Task<string?> SendAsync(Target target)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, target.Url);
            if (target.Credentials is { } credentials)
            {
                request.Headers.TryAddWithoutValidation(credentials.HeaderName, credentials.HeaderValue);
            }

            using var response = await target.Client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            var body = await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return $"status {(int)response.StatusCode}";
            }

            return body.AsSpan().IndexOf(target.ExpectedText) >= 0 ? null : "a 200 without the expected text";
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return exception.GetType().Name;
        }
    }

    private sealed record Target(HttpClient Client, Uri Url, Credentials? Credentials, byte[] ExpectedText);

    private sealed record PhaseCounts(long Succeeded, long Failed, string? FirstFailure);
}

/// <summary>The one request header that says who is calling: a portal session cookie or a provider's access token.</summary>
internal sealed record Credentials(string HeaderName, string HeaderValue)
{
    public static Credentials Cookie(SignedInSession session) => new("Cookie", session.CookieHeader);

    public static Credentials Bearer(string accessToken) => new("Authorization", $"Bearer {accessToken}");

    /// <summary>The header's name only: its value is a secret and must never be printed.</summary>
    public override string ToString() => HeaderName;
}

/// <summary>What one measured phase of the load generator saw.</summary>
internal sealed record LoadResult(
    int Connections,
    TimeSpan Elapsed,
    long Succeeded,
    long Failed,
    string? FirstFailure,
    TimeSpan P50,
    TimeSpan P95,
    TimeSpan P99,
    TimeSpan Max,
    CpuUsage Cpu)
{
    /// <summary>Successful responses per second.</summary>
    public double RequestsPerSecond => Succeeded / Elapsed.TotalSeconds;
}

/// <summary>
/// Latencies counted in 10 µs buckets up to 10 s (longer ones land in the last bucket), shared by all workers:
/// fixed memory however many requests a run makes, and percentiles exact to the bucket width.
/// </summary>
internal sealed class LatencyHistogram
{
    private const long BucketTicks = TimeSpan.TicksPerMillisecond / 100;
    private readonly long[] _counts = new long[(int)(TimeSpan.FromSeconds(10).Ticks / BucketTicks) + 1];
    private long _total;
    private long _maxTicks;

    public void Record(TimeSpan latency)
    {
        var bucket = (int)Math.Min(latency.Ticks / BucketTicks, _counts.Length - 1);
        Interlocked.Increment(ref _counts[bucket]);
        Interlocked.Increment(ref _total);
        for (var max = Interlocked.Read(ref _maxTicks); latency.Ticks > max; max = Interlocked.Read(ref _maxTicks))
        {
            if (Interlocked.CompareExchange(ref _maxTicks, latency.Ticks, max) == max)
            {
                break;
            }
        }
    }

    public TimeSpan Max => TimeSpan.FromTicks(Interlocked.Read(ref _maxTicks));

    /// <summary>The latency that <paramref name="percent"/> % of the requests did not exceed (the bucket's upper edge).</summary>
    public TimeSpan Percentile(double percent)
    {
        var total = Interlocked.Read(ref _total);
        if (total == 0)
        {
            return TimeSpan.Zero;
        }

        var rank = (long)Math.Ceiling(percent / 100 * total);
        long seen = 0;
        for (var bucket = 0; bucket < _counts.Length; bucket++)
        {
            seen += _counts[bucket];
            if (seen >= rank)
            {
                return TimeSpan.FromTicks(Math.Min((bucket + 1) * BucketTicks, Interlocked.Read(ref _maxTicks)));
            }
        }

        return Max;
    }
}
