using System.ComponentModel;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace WebPortal.Bench;

/// <summary>
/// Load from wrk (Debian's package; <c>bench/run.sh</c> installs it when missing), a process of its own on the same
/// loopback: <c>wrk -t2 -c{connections} -d{seconds}s --latency [-H "Cookie: …"] {url}</c>, once to warm up (not
/// counted) and once measured, with the CPU meter around the measured run. Before the load, one request checks that
/// the page really shows what it should. wrk's own output is parsed; no Lua script, which would slow wrk down.
/// </summary>
internal sealed class Wrk(int connections, TimeSpan warmUp, TimeSpan duration)
{
    private const string Program = "wrk";

    /// <summary>wrk needs at least one connection per thread.</summary>
    private int Threads => Math.Min(2, connections);

    /// <summary>Fails early, before minutes of set-up, when wrk is not on the PATH.</summary>
    public static void EnsureInstalled()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        if (!path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Any(directory => File.Exists(Path.Combine(directory, Program))))
        {
            throw new BenchmarkFailedException(NotInstalled);
        }
    }

    /// <summary>The first line of <c>wrk -v</c>, e.g. <c>wrk debian/4.1.0-3+b2 [epoll] …</c> (it exits with 1 after printing it).</summary>
    public static async Task<string> VersionAsync()
    {
        var (_, output, _) = await RunAsync(["-v"]);
        var line = output.Split('\n', 2)[0];
        var copyright = line.IndexOf(" Copyright", StringComparison.Ordinal);
        return (copyright > 0 ? line[..copyright] : line).Trim();
    }

    /// <summary>Checks the page, then loads it: warm-up, then the measured run with <paramref name="cpu"/> around it.</summary>
    public async Task<PageLoad> MeasureAsync(LoadTarget target, CpuMeter cpu)
    {
        var (checkedBodyBytes, problem) = await CheckAsync(target);
        if (problem is not null)
        {
            return new PageLoad(target, Result: null, problem);
        }

        await LoadAsync(target, warmUp);
        var before = cpu.Take();
        var output = await LoadAsync(target, duration);
        var usage = CpuMeter.Between(before, cpu.Take());
        return new PageLoad(
            target,
            WrkResult.Parse(output) with { Connections = connections, CheckedBodyBytes = checkedBodyBytes, Cpu = usage, PeakResidentKbSoFar = cpu.PeakResidentKb() },
            NotMeasured: null);
    }

    /// <summary>One GET before the load: the page's body size when it is a 200 with every expected text, else what was wrong.</summary>
    private static async Task<(int BodyBytes, string? Problem)> CheckAsync(LoadTarget target)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, target.Url);
        if (target.Session is { } session)
        {
            request.Headers.TryAddWithoutValidation("Cookie", session.CookieHeader);
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(body);
        var missing = target.ExpectedTexts.FirstOrDefault(expected => !text.Contains(expected, StringComparison.Ordinal));
        return response.StatusCode != HttpStatusCode.OK ? (0, $"it answered {(int)response.StatusCode}")
            : missing is not null ? (0, $"its 200 lacks {missing}")
            : (body.Length, null);
    }

    private async Task<string> LoadAsync(LoadTarget target, TimeSpan length)
    {
        List<string> arguments = [$"-t{Threads}", $"-c{connections}", FormattableString.Invariant($"-d{length.TotalSeconds:0}s"), "--latency"];
        if (target.Session is { } session)
        {
            // The session cookie is on wrk's command line, readable in /proc by this machine's users while the run lasts:
            // a stand-in's session, made up for the run. Never print these arguments.
            arguments.AddRange(["-H", $"Cookie: {session.CookieHeader}"]);
        }

        arguments.Add(target.Url.ToString());
        var (exitCode, output, error) = await RunAsync(arguments);
        return exitCode == 0
            ? output
            : throw new BenchmarkFailedException($"wrk exited with {exitCode} loading {target.Url.GetLeftPart(UriPartial.Path)}: {error.Trim()} {output.Trim()}");
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(IEnumerable<string> arguments)
    {
        try
        {
            return await CommandLine.RunAsync(Program, arguments);
        }
        catch (Win32Exception)
        {
            throw new BenchmarkFailedException(NotInstalled);
        }
    }

    private const string NotInstalled =
        "wrk is not installed: bash bench/run.sh installs it (as root: apt-get install wrk), or install it yourself.";
}

/// <summary>What to load, as whom, and what its page must show.</summary>
/// <param name="App">Whose page it is, as the report names the process: "portal" or "floor".</param>
/// <param name="Name">The request as the report names it (Markdown).</param>
/// <param name="Session">The session cookie every request carries; null for an anonymous request.</param>
/// <param name="ExpectedTexts">Texts the checked answer must contain.</param>
internal sealed record LoadTarget(string App, string Name, Uri Url, SignedInSession? Session, IReadOnlyList<string> ExpectedTexts);

/// <param name="Result">Null when the page failed its check and was not loaded.</param>
/// <param name="NotMeasured">What the check found instead of the page.</param>
internal sealed record PageLoad(LoadTarget Target, WrkResult? Result, string? NotMeasured)
{
    /// <summary>A result without failure, or null.</summary>
    public WrkResult? Good => Result is { Failure: null } result ? result : null;

    /// <summary>Why there is no good result: not measured, or a failed measurement.</summary>
    public string? Problem => NotMeasured is not null ? $"not measured: {NotMeasured}" : Result?.Failure is { } failure ? $"failed: {failure}" : null;

    /// <summary>One line for the bench's progress output.</summary>
    public string Describe() => Result is not { } result
        ? $"{Target.App} {Target.Name}: not measured, {NotMeasured}"
        : $"{Target.App} {Target.Name}: {result.RequestsPerSecond:0} req/s, p50 {result.P50.TotalMilliseconds:0.00} ms, p90 {result.P90.TotalMilliseconds:0.00} ms, " +
            $"p99 {result.P99.TotalMilliseconds:0.00} ms{(result.Failure is { } failure ? $", FAILED: {failure}" : "")}; " +
            $"CPU: {Target.App} {result.Cpu.App:P0} (JIT thread {result.Cpu.AppJitTime.TotalSeconds:0.0} s), wrk {result.Cpu.Wrk:P0}, bench {result.Cpu.Bench:P0}, others {result.Cpu.Others:P0}, idle {result.Cpu.Idle:P0}";
}

internal sealed record SocketErrors(long Connect, long Read, long Write, long Timeout)
{
    public long Total => Connect + Read + Write + Timeout;

    public override string ToString() => $"connect {Connect:N0}, read {Read:N0}, write {Write:N0}, timeout {Timeout:N0}";
}

/// <summary>
/// One measured wrk run, as wrk printed it. wrk counts an answer of status 400 or above as an error (its "Non-2xx
/// or 3xx responses" line) but a redirect as an answer: so the bytes read per answer are compared with the body of
/// the page checked before the load, which every answer of that page carries at least.
/// </summary>
/// <param name="Elapsed">wrk's run time ("N requests in 10.00s").</param>
/// <param name="Requests">Answers wrk completed, whatever their status.</param>
/// <param name="Max">The slowest answer (wrk's "Thread Stats" maximum).</param>
internal sealed partial record WrkResult(
    TimeSpan Elapsed,
    long Requests,
    double RequestsPerSecond,
    double BytesRead,
    TimeSpan P50,
    TimeSpan P75,
    TimeSpan P90,
    TimeSpan P99,
    TimeSpan Max,
    long Non2xxOr3xx,
    SocketErrors SocketErrors)
{
    public int Connections { get; init; }

    /// <summary>The body of the answer the check before the load got.</summary>
    public int CheckedBodyBytes { get; init; }

    public CpuUsage Cpu { get; init; } = CpuUsage.None;

    /// <summary>The app's VmHWM right after the measured run: its peak over its life so far, this load included.</summary>
    public long? PeakResidentKbSoFar { get; init; }

    public double BytesPerAnswer => Requests == 0 ? 0 : BytesRead / Requests;

    /// <summary>What makes this a failed measurement, or null: any non-2xx/3xx answer, any socket error, answers smaller than the page.</summary>
    public string? Failure
    {
        get
        {
            var problems = new List<string>();
            if (Requests == 0)
            {
                problems.Add("no answer");
            }

            if (Non2xxOr3xx > 0)
            {
                problems.Add($"{Non2xxOr3xx:N0} non-2xx/3xx answers");
            }

            if (SocketErrors.Total > 0)
            {
                problems.Add($"socket errors ({SocketErrors})");
            }

            if (Requests > 0 && BytesPerAnswer < CheckedBodyBytes)
            {
                problems.Add($"{BytesPerAnswer:N0} B read per answer, less than the {CheckedBodyBytes:N0} B body of the page checked before the load (redirects?)");
            }

            return problems.Count == 0 ? null : string.Join("; ", problems);
        }
    }

    /// <summary>Reads wrk's output (with <c>--latency</c>); throws when a line it always prints is missing.</summary>
    public static WrkResult Parse(string output)
    {
        var summary = Summary().Match(output);
        var latency = LatencyStats().Match(output);
        var rate = Rate().Match(output);
        if (!summary.Success || !latency.Success || !rate.Success)
        {
            throw new BenchmarkFailedException($"wrk's output is not what the bench reads:{Environment.NewLine}{output}");
        }

        var percentiles = LatencyPercentile().Matches(output).ToDictionary(
            line => int.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture),
            line => Time(line.Groups[2].Value));
        var socket = Socket().Match(output);
        var non2xx = Non2xx().Match(output);
        return new WrkResult(
            Time(summary.Groups["time"].Value),
            long.Parse(summary.Groups["requests"].Value, CultureInfo.InvariantCulture),
            double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture),
            Bytes(summary.Groups["bytes"].Value),
            Percentile(percentiles, 50),
            Percentile(percentiles, 75),
            Percentile(percentiles, 90),
            Percentile(percentiles, 99),
            Time(latency.Groups["max"].Value),
            non2xx.Success ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            socket.Success
                ? new SocketErrors(Count(socket, "connect"), Count(socket, "read"), Count(socket, "write"), Count(socket, "timeout"))
                : new SocketErrors(0, 0, 0, 0));
    }

    private static TimeSpan Percentile(Dictionary<int, TimeSpan> percentiles, int percent) =>
        percentiles.TryGetValue(percent, out var latency)
            ? latency
            : throw new BenchmarkFailedException($"wrk's output has no {percent} % latency (was --latency given?).");

    private static long Count(Match match, string group) => long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    /// <summary>wrk's times: a number with us, ms, s, m or h.</summary>
    private static TimeSpan Time(string text)
    {
        var match = Quantity().Match(text);
        var number = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "us" => TimeSpan.FromMicroseconds(number),
            "ms" => TimeSpan.FromMilliseconds(number),
            "s" => TimeSpan.FromSeconds(number),
            "m" => TimeSpan.FromMinutes(number),
            "h" => TimeSpan.FromHours(number),
            var unit => throw new BenchmarkFailedException($"wrk printed a time in an unknown unit: {unit}"),
        };
    }

    /// <summary>wrk's byte counts: a number with B, KB, MB, GB or TB (powers of 1,024).</summary>
    private static double Bytes(string text)
    {
        var match = Quantity().Match(text);
        var number = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "B" => number,
            "KB" => number * 1024,
            "MB" => number * 1024 * 1024,
            "GB" => number * 1024 * 1024 * 1024,
            "TB" => number * 1024 * 1024 * 1024 * 1024,
            var unit => throw new BenchmarkFailedException($"wrk printed a size in an unknown unit: {unit}"),
        };
    }

    // "  30482 requests in 10.00s, 160.35MB read"
    [GeneratedRegex(@"(?<requests>\d+) requests in (?<time>\S+), (?<bytes>\S+) read")]
    private static partial Regex Summary();

    // "    Latency     9.78ms    3.01ms  36.75ms   70.12%"
    [GeneratedRegex(@"^[ \t]*Latency[ \t]+\S+[ \t]+\S+[ \t]+(?<max>\S+)", RegexOptions.Multiline)]
    private static partial Regex LatencyStats();

    // "  Latency Distribution" then "     50%    9.78ms", 75, 90 and 99
    [GeneratedRegex(@"^[ \t]*(\d+)%[ \t]+(\S+)[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex LatencyPercentile();

    [GeneratedRegex(@"^Requests/sec:\s+([0-9.]+)", RegexOptions.Multiline)]
    private static partial Regex Rate();

    // Only printed when one of them is not 0.
    [GeneratedRegex(@"Socket errors: connect (?<connect>\d+), read (?<read>\d+), write (?<write>\d+), timeout (?<timeout>\d+)")]
    private static partial Regex Socket();

    // Only printed when not 0.
    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"^([0-9.]+)([A-Za-z]+)$")]
    private static partial Regex Quantity();
}
