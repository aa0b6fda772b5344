namespace WebPortal.Bench;

/// <summary>One run, in an order that keeps the parts from disturbing each other.</summary>
internal static class Benchmark
{
    public static async Task<BenchResults> RunAsync(BenchSettings settings)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var machine = await MachineInfo.ReadAsync(settings);
        var revision = await SourceRevision.ReadAsync(settings.RepositoryRoot);

        await using var standIn = await KlasCementStandIn.StartAsync();
        Step($"KlasCement stand-in on {standIn.BaseUrl}");
        await using var portal = await PortalProcess.StartAsync(settings.PortalDll, settings.PortalProject, standIn);
        Step($"Portal (pid {portal.Id}) on {portal.BaseUrl}");

        var session = await SignIn.ToPortalAsync(portal.BaseUrl, Members.AnPeeters, Members.AnPeetersName);
        Step($"Portal session cookie: {session.CookieBytes} bytes in {session.Cookies.Count} cookie(s)");

        SignedInSession saveTokensSession;
        await using (var comparison = await SaveTokensComparisonApp.StartAsync(standIn))
        {
            saveTokensSession = await SignIn.ToComparisonAppAsync(comparison, Members.AnPeeters, Members.AnPeetersName);
        }

        Step($"SaveTokens = true cookie: {saveTokensSession.CookieBytes} bytes in {saveTokensSession.Cookies.Count} cookie(s)");

        var load = new LoadGenerator(settings.Connections, settings.WarmUp, settings.Duration, new CpuMeter(portal.Id));
        Step($"Loading GET /profile: {settings.Connections} connections, {settings.WarmUp.TotalSeconds:0} s warm-up, {settings.Duration.TotalSeconds:0} s measured");
        var profilePage = await load.RunAsync(new Uri(portal.BaseUrl, "/profile"), session.CookieHeader, Members.AnPeetersName);
        Step(Describe(profilePage));

        Step("Loading the stand-in's profile endpoint directly, same settings");
        var accessToken = standIn.Sandbox.IssueAccessToken(Members.AnPeeters);
        var standInDirect = await load.RunAsync(standIn.MemberUri(Members.AnPeeters, accessToken), cookieHeader: null, "Peeters");
        Step(Describe(standInDirect));

        Step($"{settings.BurstRequests} concurrent GET /profile with a token due for refresh");
        var refresh = await RefreshBurst.RunAsync(portal.BaseUrl, standIn, settings.BurstRequests);
        Step($"{refresh.RefreshCalls} refresh call(s); {refresh.ShowedProfile}/{refresh.Requests} showed the profile");

        var memory = await portal.MeasureMemoryAsync();
        Step($"Portal peak resident memory (VmHWM): {memory.PeakRssKb / 1024.0:0.0} MiB");

        return new BenchResults(
            startedAt,
            machine,
            revision,
            settings,
            new CookieComparison(session, saveTokensSession),
            new ThroughputComparison(profilePage, standInDirect),
            refresh,
            memory,
            [.. portal.Output]);
    }

    private static string Describe(LoadResult result) =>
        $"{result.RequestsPerSecond:0} req/s, p50 {result.P50.TotalMilliseconds:0.00} ms, p99 {result.P99.TotalMilliseconds:0.00} ms, {result.Failed} failed; " +
        $"CPU: portal {result.Cpu.Portal:P0} (JIT thread {result.Cpu.PortalJitTime.TotalSeconds:0.0} s), bench {result.Cpu.Bench:P0}, others {result.Cpu.Others:P0}, idle {result.Cpu.Idle:P0}";

    private static void Step(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}

internal sealed record CookieComparison(SignedInSession Portal, SignedInSession SaveTokens);

internal sealed record ThroughputComparison(LoadResult ProfilePage, LoadResult StandInDirect);

internal sealed record BenchResults(
    DateTimeOffset StartedAt,
    MachineInfo Machine,
    SourceRevision Revision,
    BenchSettings Settings,
    CookieComparison Cookies,
    ThroughputComparison Throughput,
    RefreshResult Refresh,
    MemoryFigures Memory,
    IReadOnlyList<string> PortalOutput);
