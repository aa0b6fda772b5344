namespace WebPortal.Bench;

/// <summary>One run, in an order that keeps the parts from disturbing each other.</summary>
internal static class Benchmark
{
    public static async Task<BenchResults> RunAsync(BenchSettings settings)
    {
        Wrk.EnsureInstalled();
        if (settings.ScaleOut)
        {
            _ = LoadBalancer.Executable();
        }

        var startedAt = DateTimeOffset.UtcNow;
        var machine = await MachineInfo.ReadAsync(settings);
        var revision = await SourceRevision.ReadAsync(settings.RepositoryRoot);

        await using var standIn = await KlasCementStandIn.StartAsync();
        Step($"KlasCement stand-in on {standIn.BaseUrl}");
        var portalUrl = PortalProcess.NewBaseUrl("127.0.0.1");
        await using var myOrganizer = await BenchMyOrganizer.StartAsync(portalUrl);
        Step($"MyOrganizer stand-in (B2C tenant and API gateway) on {myOrganizer.BaseUrl}");
        var results = await RunOneInstanceAsync(settings, standIn, myOrganizer, portalUrl, startedAt, machine, revision);
        if (!settings.ScaleOut)
        {
            Step("Several instances not measured (--no-scale-out)");
            return results;
        }

        Step("Several instances: PostgreSQL, Redis, two portal instances and HAProxy");
        return results with { ScaleOut = await ScaleOut.RunAsync(settings, standIn, myOrganizer, Step) };
    }

    /// <summary>One portal process on SQLite next to the floor; the portal and the floor are stopped when it returns.</summary>
    private static async Task<BenchResults> RunOneInstanceAsync(
        BenchSettings settings, KlasCementStandIn standIn, MyOrganizerStandIn myOrganizer, Uri portalUrl, DateTimeOffset startedAt, MachineInfo machine, SourceRevision revision)
    {
        var dataDirectory = PortalProcess.NewDataDirectory();
        var seed = await SeedAsync(settings, dataDirectory);
        await using var portal = await BenchPortal.StartAsync(settings.PortalDirectory, portalUrl, standIn, myOrganizer, dataDirectory);
        Step($"Portal (pid {portal.Id}) on {portal.BaseUrl}");
        var appointments = new Uri(myOrganizer.AppointmentsUri(DateOnly.FromDateTime(DateTime.Today)).GetLeftPart(UriPartial.Path));
        await using var floor = await FloorProcess.StartAsync(new Uri(standIn.BaseUrl), appointments, machine.PortalUsesServerGc);
        Step($"Floor app (pid {floor.Id}, {(floor.UsesServerGc ? "Server" : "Workstation")} GC) on {floor.BaseUrl}");

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

        var floorSessions = new FloorSessions(
            await floor.SignInAsync(new() { [FloorApp.NameField] = Members.AnPeetersName }),
            await floor.SignInAsync(new()
            {
                [FloorApp.MemberField] = Members.AnPeeters,
                [FloorApp.KlasCementTokenField] = standIn.Sandbox.IssueAccessToken(Members.AnPeeters),
            }),
            await floor.SignInAsync(new() { [FloorApp.MyOrganizerTokenField] = await MyOrganizerAccessToken.IssueAsync(myOrganizer, Customers.LotteMaes) }));
        Step($"Floor cookies: {floorSessions.SignedIn.CookieBytes} bytes (name), {floorSessions.Profile.CookieBytes} bytes (KlasCement token), {floorSessions.Agenda.CookieBytes} bytes (MyOrganizer token)");

        var agendaCheck = await AgendaPage.CheckAsync(portal.BaseUrl, myOrganizerSession, myOrganizer);
        Step($"One GET /agenda: the week of {agendaCheck.Monday:yyyy-MM-dd}, {agendaCheck.Appointments} appointment(s), {agendaCheck.GatewayCalls} gateway call(s)");

        var wrk = new Wrk(settings.Connections, settings.WarmUp, settings.Duration);
        var portalCpu = new CpuMeter(portal.Id);
        var floorCpu = new CpuMeter(floor.Id);
        Step($"wrk: {settings.Connections} connections, {settings.WarmUp.TotalSeconds:0} s warm-up, {settings.Duration.TotalSeconds:0} s measured, for each page");
        var pairs = new List<PagePair>();
        foreach (var (portalPage, floorPage, issue10Ratio) in PagePairs(portal.BaseUrl, floor.BaseUrl, session, myOrganizerSession, floorSessions, agendaCheck))
        {
            var portalLoad = await MeasureAsync(wrk, portalPage, portalCpu);
            pairs.Add(new PagePair(portalLoad, await MeasureAsync(wrk, floorPage, floorCpu), issue10Ratio));
        }

        List<PageLoad> context =
        [
            await MeasureAsync(wrk, new LoadTarget("portal", "`GET /` anonymous", portal.BaseUrl, Session: null, [AnonymousStartPageText]), portalCpu),
            await MeasureAsync(wrk, new LoadTarget("portal", "`GET /css/site.css`, a static file", new Uri(portal.BaseUrl, "/css/site.css"), Session: null, [":root"]), portalCpu),
        ];

        Step($"{settings.BurstRequests} concurrent GET /profile with a token due for refresh");
        var refresh = await RefreshBurst.RunAsync(portal.BaseUrl, standIn, settings.BurstRequests);
        Step($"{refresh.RefreshCalls} refresh call(s); {refresh.ShowedProfile}/{refresh.Requests} showed the profile");

        IReadOnlyList<AdminPageResult> adminPages = [];
        if (seed is not null)
        {
            var adminWrk = new Wrk(settings.AdminConnections, settings.AdminWarmUp, settings.Duration);
            Step($"Admin pages: {settings.AdminConnections} connections, {settings.AdminWarmUp.TotalSeconds:0} s warm-up, {settings.Duration.TotalSeconds:0} s measured each");
            adminPages = await AdminPages.RunAsync(portal.BaseUrl, session, seed, adminWrk, portalCpu, Step);
        }

        var memory = await portal.MeasureMemoryAsync();
        Step($"Portal peak resident memory (VmHWM): {memory.PeakRssKb / 1024.0:0.0} MiB");
        var benchPeakRssKb = ProcStatus.ReadKb("self", "VmHWM") ?? 0;

        return new BenchResults(
            startedAt,
            machine,
            revision,
            settings,
            new CookieComparison(session, saveTokensSession, myOrganizerSession),
            new FloorFigures(pairs, context, floorSessions, floor.UsesServerGc, floor.PeakRssKb ?? 0, [.. floor.Output]),
            agendaCheck,
            BenchPortal.DescribeMyOrganizerVariables(myOrganizer),
            refresh,
            new AdminFigures(seed, adminPages),
            memory,
            portal.ColdStart,
            benchPeakRssKb,
            [.. portal.Output]);
    }

    /// <summary>
    /// The portal and the floor as a run measures them, signed in, left running with the wrk command of each page
    /// printed, until Enter: for attaching <c>dotnet-trace</c> or <c>dotnet-counters</c> to the portal while loading it.
    /// </summary>
    public static async Task ServeAsync(BenchSettings settings)
    {
        Wrk.EnsureInstalled();
        await using var standIn = await KlasCementStandIn.StartAsync();
        var portalUrl = PortalProcess.NewBaseUrl("127.0.0.1");
        await using var myOrganizer = await BenchMyOrganizer.StartAsync(portalUrl);
        var dataDirectory = PortalProcess.NewDataDirectory();
        await using var portal = await BenchPortal.StartAsync(settings.PortalDirectory, portalUrl, standIn, myOrganizer, dataDirectory);
        var appointments = new Uri(myOrganizer.AppointmentsUri(DateOnly.FromDateTime(DateTime.Today)).GetLeftPart(UriPartial.Path));
        await using var floor = await FloorProcess.StartAsync(new Uri(standIn.BaseUrl), appointments, MachineInfo.PortalAsksServerGc(settings));
        var session = await SignIn.ToPortalAsync(portal.BaseUrl, Members.AnPeeters, Members.AnPeetersName);
        var myOrganizerSession = await SignIn.ToPortalWithMyOrganizerAsync(portal.BaseUrl, Customers.LotteMaes);
        var floorSessions = new FloorSessions(
            await floor.SignInAsync(new() { [FloorApp.NameField] = Members.AnPeetersName }),
            await floor.SignInAsync(new()
            {
                [FloorApp.MemberField] = Members.AnPeeters,
                [FloorApp.KlasCementTokenField] = standIn.Sandbox.IssueAccessToken(Members.AnPeeters),
            }),
            await floor.SignInAsync(new() { [FloorApp.MyOrganizerTokenField] = await MyOrganizerAccessToken.IssueAsync(myOrganizer, Customers.LotteMaes) }));
        var agendaCheck = await AgendaPage.CheckAsync(portal.BaseUrl, myOrganizerSession, myOrganizer);

        Step($"Portal pid {portal.Id}, floor pid {floor.Id}. Load a page with, e.g.:");
        foreach (var (portalPage, floorPage, _) in PagePairs(portal.BaseUrl, floor.BaseUrl, session, myOrganizerSession, floorSessions, agendaCheck))
        {
            foreach (var page in new[] { portalPage, floorPage })
            {
                Console.WriteLine($"  wrk -t2 -c{settings.Connections} -d{settings.Duration.TotalSeconds:0}s --latency -H 'Cookie: {page.Session!.CookieHeader}' {page.Url}");
            }
        }

        Step("Press Enter to stop.");
        await Console.In.ReadLineAsync();
    }

    /// <summary>What the anonymous start page carries: the form of "Sign in with KlasCement".</summary>
    public const string AnonymousStartPageText = "action=\"/account/signin/KlasCement\"";

    /// <summary>
    /// The portal's signed-in pages, each with the floor's page that does the least work for it, and issue 10's target
    /// for the portal's throughput as a share of the floor's.
    /// </summary>
    private static IEnumerable<(LoadTarget Portal, LoadTarget Floor, double Issue10Ratio)> PagePairs(
        Uri portal, Uri floor, SignedInSession session, SignedInSession myOrganizerSession, FloorSessions floorSessions, AgendaPageCheck agenda) =>
    [
        (new("portal", "`GET /` signed in", portal, session, [Members.AnPeetersName]),
            new("floor", "(a) `GET /signed-in`", new Uri(floor, "/signed-in"), floorSessions.SignedIn, [Members.AnPeetersName]), 0.5),
        (new("portal", "`GET /profile`", new Uri(portal, "/profile"), session, ["data-testid=\"profile\"", "data-state=\"Shown\"", Members.AnPeetersName]),
            new("floor", "(b) `GET /profile`", new Uri(floor, "/profile"), floorSessions.Profile, [Members.AnPeetersName]), 0.8),
        (new("portal", "`GET /agenda`", new Uri(portal, "/agenda"), myOrganizerSession, [SignIn.AgendaShown]),
            new("floor", "(c) `GET /agenda`", new Uri(floor, "/agenda"), floorSessions.Agenda,
                [$"data-week=\"{agenda.Monday:yyyy-MM-dd}\" data-appointments=\"{agenda.Appointments}\""]), 0.8),
    ];

    /// <summary>One page's load with the steps it prints: what is loaded, then what wrk measured.</summary>
    internal static async Task<PageLoad> MeasureAsync(Wrk wrk, LoadTarget target, CpuMeter cpu)
    {
        Step($"Loading {target.App} {target.Name}");
        var load = await wrk.MeasureAsync(target, cpu);
        Step(load.Describe());
        return load;
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

    private static void Step(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}

/// <param name="Portal">The portal's session after a KlasCement sign-in.</param>
/// <param name="SaveTokens">The comparison app's cookie after the same sign-in, with <c>SaveTokens = true</c>.</param>
/// <param name="MyOrganizer">The portal's session after a MyOrganizer sign-in.</param>
internal sealed record CookieComparison(SignedInSession Portal, SignedInSession SaveTokens, SignedInSession MyOrganizer);

/// <param name="SignedIn">(a): the name only.</param>
/// <param name="Profile">(b): KlasCement's member id and access token.</param>
/// <param name="Agenda">(c): a MyOrganizer access token.</param>
internal sealed record FloorSessions(SignedInSession SignedIn, SignedInSession Profile, SignedInSession Agenda);

/// <param name="Issue10Ratio">Issue 10's target for the portal's throughput as a share of the floor's: informational here.</param>
internal sealed record PagePair(PageLoad Portal, PageLoad Floor, double Issue10Ratio);

/// <param name="Pairs">The portal's signed-in pages, each next to the floor's.</param>
/// <param name="Context">The portal's anonymous start page and a static file: what its pipeline costs without a session.</param>
/// <param name="Output">Log lines the floor wrote (Warning and above).</param>
internal sealed record FloorFigures(
    IReadOnlyList<PagePair> Pairs,
    IReadOnlyList<PageLoad> Context,
    FloorSessions Sessions,
    bool UsesServerGc,
    long PeakRssKb,
    IReadOnlyList<string> Output);

/// <param name="MyOrganizerVariables">The MyOrganizer environment variables the portal ran with, as the report may show them (no secrets).</param>
/// <param name="ScaleOut">Several instances on PostgreSQL and Redis; null when not measured (<c>--no-scale-out</c>).</param>
internal sealed record BenchResults(
    DateTimeOffset StartedAt,
    MachineInfo Machine,
    SourceRevision Revision,
    BenchSettings Settings,
    CookieComparison Cookies,
    FloorFigures Floor,
    AgendaPageCheck Agenda,
    IReadOnlyList<string> MyOrganizerVariables,
    RefreshResult Refresh,
    AdminFigures Admin,
    MemoryFigures Memory,
    TimeSpan PortalColdStart,
    long BenchPeakRssKb,
    IReadOnlyList<string> PortalOutput,
    ScaleOutFigures? ScaleOut = null);
