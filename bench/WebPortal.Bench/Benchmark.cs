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
        var portalUrl = PortalProcess.NewBaseUrl();
        await using var myOrganizer = await MyOrganizerStandIn.StartAsync(portalUrl);
        Step($"MyOrganizer stand-in (B2C tenant and API gateway) on {myOrganizer.BaseUrl}");
        var dataDirectory = PortalProcess.NewDataDirectory();
        var seed = await SeedAsync(settings, dataDirectory);
        await using var portal = await PortalProcess.StartAsync(settings.PortalDll, settings.PortalProject, portalUrl, standIn, myOrganizer, dataDirectory);
        Step($"Portal (pid {portal.Id}) on {portal.BaseUrl}");

        var session = await SignIn.ToPortalAsync(portal.BaseUrl, Members.AnPeeters, Members.AnPeetersName);
        Step($"Portal session cookie: {session.CookieBytes} bytes in {session.Cookies.Count} cookie(s)");

        SignedInSession saveTokensSession;
        await using (var comparison = await SaveTokensComparisonApp.StartAsync(standIn))
        {
            saveTokensSession = await SignIn.ToComparisonAppAsync(comparison, Members.AnPeeters, Members.AnPeetersName);
        }

        Step($"SaveTokens = true cookie: {saveTokensSession.CookieBytes} bytes in {saveTokensSession.Cookies.Count} cookie(s)");

        var myOrganizerSession = await SignIn.ToPortalWithMyOrganizerAsync(portal.BaseUrl, Customers.LotteMaes);
        Step($"Portal session cookie after a MyOrganizer sign-in: {myOrganizerSession.CookieBytes} bytes in {myOrganizerSession.Cookies.Count} cookie(s)");

        var load = new LoadGenerator(settings.Connections, settings.WarmUp, settings.Duration, new CpuMeter(portal.Id));
        Step($"Loading GET /profile: {settings.Connections} connections, {settings.WarmUp.TotalSeconds:0} s warm-up, {settings.Duration.TotalSeconds:0} s measured");
        var profilePage = await load.RunAsync(new Uri(portal.BaseUrl, "/profile"), Credentials.Cookie(session), Members.AnPeetersName);
        Step(Describe(profilePage));

        Step("Loading the stand-in's profile endpoint directly, same settings");
        var accessToken = standIn.Sandbox.IssueAccessToken(Members.AnPeeters);
        var standInDirect = await load.RunAsync(standIn.MemberUri(Members.AnPeeters, accessToken), credentials: null, "Peeters");
        Step(Describe(standInDirect));

        var agendaCheck = await AgendaPage.CheckAsync(portal.BaseUrl, myOrganizerSession, myOrganizer);
        Step($"One GET /agenda: the week of {agendaCheck.Monday:yyyy-MM-dd}, {agendaCheck.Appointments} appointment(s), {agendaCheck.GatewayCalls} gateway call(s)");
        Step($"Loading GET /agenda as {Customers.LotteMaesName}, same settings");
        var agendaPage = await load.RunAsync(new Uri(portal.BaseUrl, "/agenda"), Credentials.Cookie(myOrganizerSession), SignIn.AgendaShown);
        Step(Describe(agendaPage));

        Step("Loading the gateway stand-in's appointments operation directly, same settings and week");
        var myOrganizerToken = await MyOrganizerAccessToken.IssueAsync(myOrganizer, Customers.LotteMaes);
        var appointmentsUri = myOrganizer.AppointmentsUri(agendaCheck.Monday);
        var gatewayDirect = await load.RunAsync(appointmentsUri, Credentials.Bearer(myOrganizerToken), "\"entry\"");
        Step(Describe(gatewayDirect));

        Step($"{settings.BurstRequests} concurrent GET /profile with a token due for refresh");
        var refresh = await RefreshBurst.RunAsync(portal.BaseUrl, standIn, settings.BurstRequests);
        Step($"{refresh.RefreshCalls} refresh call(s); {refresh.ShowedProfile}/{refresh.Requests} showed the profile");

        IReadOnlyList<AdminPageResult> adminPages = [];
        if (seed is not null)
        {
            var adminLoad = new LoadGenerator(settings.AdminConnections, settings.AdminWarmUp, settings.Duration, new CpuMeter(portal.Id));
            Step($"Admin pages: {settings.AdminConnections} connections, {settings.AdminWarmUp.TotalSeconds:0} s warm-up, {settings.Duration.TotalSeconds:0} s measured each");
            adminPages = await AdminPages.RunAsync(portal.BaseUrl, session, seed, adminLoad, Step);
        }

        var memory = await portal.MeasureMemoryAsync();
        Step($"Portal peak resident memory (VmHWM): {memory.PeakRssKb / 1024.0:0.0} MiB");
        var benchPeakRssKb = PortalProcess.ReadStatusKb("self", "VmHWM") ?? 0;

        return new BenchResults(
            startedAt,
            machine,
            revision,
            settings,
            new CookieComparison(session, saveTokensSession, myOrganizerSession),
            new ThroughputComparison(profilePage, standInDirect),
            new AgendaComparison(agendaPage, gatewayDirect, agendaCheck, appointmentsUri.PathAndQuery, PortalProcess.DescribeMyOrganizerVariables(myOrganizer)),
            refresh,
            new AdminFigures(seed, adminPages),
            memory,
            benchPeakRssKb,
            [.. portal.Output]);
    }

    /// <summary>Fills the portal's database before it starts, unless the run seeds nothing; the folder is deleted when that fails.</summary>
    private static async Task<AdminSeedResult?> SeedAsync(BenchSettings settings, DirectoryInfo dataDirectory)
    {
        if (settings.SeedUsers == 0)
        {
            Step("No users seeded (--seed-users 0): the admin pages are not measured");
            return null;
        }

        Step($"Seeding the portal's database with {settings.SeedUsers:N0} users");
        try
        {
            var seed = await AdminSeed.SeedAsync(PortalProcess.DatabasePath(dataDirectory), settings.SeedUsers);
            Step(seed.Describe());
            return seed;
        }
        catch
        {
            dataDirectory.Delete(recursive: true);
            throw;
        }
    }

    private static string Describe(LoadResult result) =>
        $"{result.RequestsPerSecond:0} req/s, p50 {result.P50.TotalMilliseconds:0.00} ms, p99 {result.P99.TotalMilliseconds:0.00} ms, {result.Failed} failed; " +
        $"CPU: portal {result.Cpu.Portal:P0} (JIT thread {result.Cpu.PortalJitTime.TotalSeconds:0.0} s), bench {result.Cpu.Bench:P0}, others {result.Cpu.Others:P0}, idle {result.Cpu.Idle:P0}";

    private static void Step(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}

/// <param name="Portal">The portal's session after a KlasCement sign-in.</param>
/// <param name="SaveTokens">The comparison app's cookie after the same sign-in, with <c>SaveTokens = true</c>.</param>
/// <param name="MyOrganizer">The portal's session after a MyOrganizer sign-in.</param>
internal sealed record CookieComparison(SignedInSession Portal, SignedInSession SaveTokens, SignedInSession MyOrganizer);

internal sealed record ThroughputComparison(LoadResult ProfilePage, LoadResult StandInDirect);

/// <param name="GatewayDirectPath">What the direct calls asked the MyOrganizer stand-in for, path and query.</param>
/// <param name="PortalVariables">The MyOrganizer environment variables the portal ran with, as the report may show them (no secrets).</param>
internal sealed record AgendaComparison(
    LoadResult AgendaPage,
    LoadResult GatewayDirect,
    AgendaPageCheck Check,
    string GatewayDirectPath,
    IReadOnlyList<string> PortalVariables);

internal sealed record BenchResults(
    DateTimeOffset StartedAt,
    MachineInfo Machine,
    SourceRevision Revision,
    BenchSettings Settings,
    CookieComparison Cookies,
    ThroughputComparison Throughput,
    AgendaComparison Agenda,
    RefreshResult Refresh,
    AdminFigures Admin,
    MemoryFigures Memory,
    long BenchPeakRssKb,
    IReadOnlyList<string> PortalOutput);
