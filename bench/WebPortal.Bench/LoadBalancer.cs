using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using WebPortal.Sandbox;

namespace WebPortal.Bench;

/// <summary>
/// HAProxy (Debian's package; <c>bench/run.sh</c> installs it when missing) in front of one or more portal instances,
/// a process of its own on one loopback address: HTTP mode, round robin per request over kept-alive connections, as a
/// load balancer in front of identical instances would be set up. No health checks and no log, which would cost CPU on
/// the machine the instances share.
/// </summary>
internal sealed class LoadBalancer : IAsyncDisposable
{
    private const string Program = "haproxy";

    private static readonly string[] Folders = ["/usr/sbin", "/usr/local/sbin", .. (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)];

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly DirectoryInfo _folder;

    private LoadBalancer(Process process, DirectoryInfo folder, Uri baseUrl, int instances)
    {
        _process = process;
        _folder = folder;
        BaseUrl = baseUrl;
        Instances = instances;
    }

    public const string NotInstalled = "HAProxy is not installed: apt-get install haproxy (bash bench/run.sh does).";

    /// <summary>The one address in front of the instances.</summary>
    public Uri BaseUrl { get; }

    public int Instances { get; }

    public int Id => _process.Id;

    /// <summary>The haproxy executable; fails early, before minutes of set-up, when it is missing.</summary>
    public static string Executable() =>
        Folders.Select(folder => Path.Combine(folder, Program)).FirstOrDefault(File.Exists) ?? throw new BenchmarkFailedException(NotInstalled);

    /// <summary>The first line of <c>haproxy -v</c>, e.g. <c>HAProxy version 2.6.12-1+deb12u4 2025/…</c>.</summary>
    public static async Task<string> VersionAsync()
    {
        using var process = Process.Start(new ProcessStartInfo(Executable(), ["-v"]) { RedirectStandardOutput = true, UseShellExecute = false })
            ?? throw new BenchmarkFailedException($"Could not start {Program}.");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output.Split('\n', 2)[0].Trim();
    }

    /// <summary>Starts HAProxy on a free loopback port in front of <paramref name="instances"/>.</summary>
    public static async Task<LoadBalancer> StartAsync(IReadOnlyList<Uri> instances)
    {
        var executable = Executable();
        var port = LoopbackPort.Free();
        var folder = Directory.CreateTempSubdirectory("webportal-haproxy-");
        var configuration = Path.Combine(folder.FullName, "haproxy.cfg");
        await File.WriteAllTextAsync(configuration, Configuration(port, instances));

        // -db: in the foreground, so that disposing this object stops it.
        var process = Process.Start(new ProcessStartInfo(executable, ["-db", "-f", configuration])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new BenchmarkFailedException($"Could not start {Program}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var balancer = new LoadBalancer(process, folder, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"), instances.Count);
        var clock = Stopwatch.StartNew();
        while (!await AcceptsAsync(port))
        {
            if (process.HasExited || clock.Elapsed > StartTimeout)
            {
                await balancer.DisposeAsync();
                throw new BenchmarkFailedException($"{Program} did not start listening on port {port} (configuration: {configuration}).");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        return balancer;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _folder.Delete(recursive: true);
    }

    /// <summary>
    /// The timeouts are longer than wrk's 2 s, so that a slow answer is wrk's timeout and not a 504 of the proxy's.
    /// <c>http-reuse always</c>: every request is a portal's idempotent GET, so a kept-alive connection to an instance may
    /// carry any client's next request, as a production proxy's pool would.
    /// </summary>
    private static string Configuration(int port, IReadOnlyList<Uri> instances) =>
        string.Join('\n',
        [
            "global",
            "    maxconn 4096",
            "defaults",
            "    mode http",
            "    timeout connect 5s",
            "    timeout client 30s",
            "    timeout server 30s",
            "frontend portal",
            $"    bind 127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            "    default_backend instances",
            "backend instances",
            "    balance roundrobin",
            "    http-reuse always",
            .. instances.Select((instance, i) => $"    server instance{i + 1} {instance.Host}:{instance.Port.ToString(CultureInfo.InvariantCulture)}"),
            "",
        ]);

    private static async Task<bool> AcceptsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
