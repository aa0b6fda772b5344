using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace WebPortal.Bench;

/// <summary>
/// The <see cref="FloorApp"/> in a process of its own, like the portal: this bench's own build started again with
/// <c>--floor</c>, with the garbage collector the portal's <c>runtimeconfig.json</c> asks for (Server or Workstation).
/// The floor stops when its standard input closes, so it never outlives the bench, even a killed one.
/// </summary>
internal sealed class FloorProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private const int KeptOutputLines = 200;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FloorProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        _process.OutputDataReceived += (_, line) => Read(line.Data);
        _process.ErrorDataReceived += (_, line) => Read(line.Data);
        _process.Exited += (_, _) => _ready.TrySetException(new BenchmarkFailedException(
            $"The floor app exited while starting:{Environment.NewLine}{string.Join(Environment.NewLine, _output)}"));
        _process.EnableRaisingEvents = true;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri BaseUrl { get; }

    public int Id => _process.Id;

    /// <summary>Whether the floor runs Server GC, as it said once it listened.</summary>
    public bool UsesServerGc { get; private set; }

    /// <summary>What the floor wrote besides its ready line (Warning and above), the last <see cref="KeptOutputLines"/>.</summary>
    public IReadOnlyCollection<string> Output => _output;

    /// <param name="klasCement">The KlasCement stand-in's base URL: the floor calls its member endpoint.</param>
    /// <param name="appointments">The gateway stand-in's appointments operation, without query.</param>
    /// <param name="serverGc">Server GC, or Workstation GC: the portal's (<see cref="MachineInfo.PortalAsksServerGc"/>).</param>
    public static async Task<FloorProcess> StartAsync(Uri klasCement, Uri appointments, bool serverGc)
    {
        var baseUrl = PortalProcess.NewBaseUrl("127.0.0.1");
        var self = Environment.ProcessPath ?? throw new BenchmarkFailedException("The bench cannot find its own executable to start the floor app.");
        var start = new ProcessStartInfo(self)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(FloorApp).Assembly.Location);
        }

        foreach (var argument in new[] { FloorApp.Mode, baseUrl.Port.ToString(CultureInfo.InvariantCulture), klasCement.ToString(), appointments.ToString() })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_gcServer"] = serverGc ? "1" : "0";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var floor = new FloorProcess(Process.Start(start) ?? throw new BenchmarkFailedException("Could not start the floor app."), baseUrl);
        try
        {
            var ready = await floor._ready.Task.WaitAsync(StartTimeout);
            floor.UsesServerGc = ready.EndsWith("True", StringComparison.Ordinal);
            return floor;
        }
        catch
        {
            await floor.DisposeAsync();
            throw;
        }
    }

    /// <summary>Signs in with <c>POST /signin</c>: each field becomes a claim of the floor's cookie.</summary>
    public async Task<SignedInSession> SignInAsync(Dictionary<string, string> fields)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false });
        using var form = new FormUrlEncodedContent(fields);
        using var response = await http.PostAsync(new Uri(BaseUrl, "/signin"), form);
        var cookies = SignIn.SetCookies(response, FloorApp.CookieName);
        return response.StatusCode == HttpStatusCode.NoContent && cookies.Count > 0
            ? new SignedInSession(cookies)
            : throw new BenchmarkFailedException($"The floor's POST /signin answered {(int)response.StatusCode} with {cookies.Count} {FloorApp.CookieName} cookie(s).");
    }

    /// <summary>VmHWM of the floor, in kB, while it runs.</summary>
    public long? PeakRssKb => ProcStatus.ReadKb(_process.Id.ToString(CultureInfo.InvariantCulture), "VmHWM");

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception exception) when (exception is TimeoutException or IOException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Read(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.StartsWith(FloorApp.ReadyLine, StringComparison.Ordinal))
        {
            _ready.TrySetResult(line);
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > KeptOutputLines)
        {
            _output.TryDequeue(out _);
        }
    }
}
