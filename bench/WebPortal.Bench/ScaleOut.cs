namespace WebPortal.Bench;

/// <summary>
/// The portal as several instances (issue 11): two portal processes on one PostgreSQL database and one Redis, both
/// started by the bench on loopback, with HAProxy in front. Measures the refresh burst spread over both instances,
/// <c>GET /profile</c> through one address with one instance behind it and then with two, the admin pages on
/// PostgreSQL, and the plans PostgreSQL chooses for their queries at the seeded size.
/// </summary>
internal static class ScaleOut
{
    /// <summary>Keeps the bench's instances apart from anything else on the same Redis.</summary>
    private const string RedisKeyPrefix = "webportal-bench:";

    public static Task<ScaleOutFigures> RunAsync(BenchSettings settings, KlasCementStandIn standIn, MyOrganizerStandIn myOrganizer, Action<string> step) =>
        BenchPostgreSqlDatabase.UseAsync(connectionString => RunAsync(settings, standIn, myOrganizer, connectionString, step));

    private static async Task<ScaleOutFigures> RunAsync(BenchSettings settings, KlasCementStandIn standIn, MyOrganizerStandIn myOrganizer, string connectionString, Action<string> step)
    {
        var postgreSqlVersion = await PostgreSqlAdminPlans.ServerVersionAsync(connectionString);
        step($"PostgreSQL {postgreSqlVersion}: a database of the bench's own");
        await using var redis = await RedisServer.StartAsync();
        step($"Redis on 127.0.0.1:{redis.Port}");

        AdminSeedResult? seed = null;
        IReadOnlyList<PagePlans> plans = [];
        if (settings.SeedUsers > 0)
        {
            step($"Seeding the PostgreSQL database with {settings.SeedUsers:N0} users");
            seed = await AdminSeed.SeedPostgreSqlAsync(connectionString, settings.SeedUsers);
            step(seed.Describe());
            plans = await PostgreSqlAdminPlans.ReadAsync(connectionString, seed);
            foreach (var page in plans)
            {
                step($"Plans of {page.Page}: {page.Queries.Count} queries, indexes {string.Join(", ", page.Indexes)}; sequential scans: {string.Join(", ", page.SequentiallyScanned.DefaultIfEmpty("none"))}");
            }
        }

        var instanceSettings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSQL",
            ["ConnectionStrings:Portal"] = connectionString,
            ["Redis:Configuration"] = redis.Configuration,
            ["Redis:KeyPrefix"] = RedisKeyPrefix,
        };

        // One after the other, as in a rolling start: the first migrates (or finds the seeded schema), the second waits for nothing.
        await using var first = await BenchPortal.StartAsync(settings.PortalDirectory, PortalProcess.NewBaseUrl("127.0.0.1"), standIn, myOrganizer, PortalProcess.NewDataDirectory(), instanceSettings);
        step($"Instance 1 (pid {first.Id}) on {first.BaseUrl}, started in {first.ColdStart.TotalSeconds:0.00} s");
        await using var second = await BenchPortal.StartAsync(settings.PortalDirectory, PortalProcess.NewBaseUrl("127.0.0.1"), standIn, myOrganizer, PortalProcess.NewDataDirectory(), instanceSettings);
        step($"Instance 2 (pid {second.Id}) on {second.BaseUrl}, started in {second.ColdStart.TotalSeconds:0.00} s");

        step($"{settings.BurstRequests} concurrent GET /profile over both instances with a token due for refresh");
        var refresh = await RefreshBurst.RunAsync([first.BaseUrl, second.BaseUrl], standIn, settings.BurstRequests);
        step($"{refresh.RefreshCalls} refresh call(s); {refresh.ShowedProfile}/{refresh.Requests} showed the profile");

        var session = await SignIn.ToPortalAsync(first.BaseUrl, Members.AnPeeters, Members.AnPeetersName);
        await using var toOne = await LoadBalancer.StartAsync([first.BaseUrl]);
        await using var toBoth = await LoadBalancer.StartAsync([first.BaseUrl, second.BaseUrl]);
        step($"HAProxy (pid {toOne.Id}) on {toOne.BaseUrl} in front of instance 1; HAProxy (pid {toBoth.Id}) on {toBoth.BaseUrl} in front of both");

        var wrk = new Wrk(settings.Connections, settings.WarmUp, settings.Duration);
        string[] profileShown = ["data-testid=\"profile\"", "data-state=\"Shown\"", Members.AnPeetersName];
        var profile = new ProfileLoads(
            await Benchmark.MeasureAsync(wrk, new LoadTarget("instance", "`GET /profile`, instance 1 on its own address", new Uri(first.BaseUrl, "/profile"), session, profileShown), new CpuMeter(first.Id)),
            await Benchmark.MeasureAsync(wrk, new LoadTarget("instance", "`GET /profile`, HAProxy in front of instance 1", new Uri(toOne.BaseUrl, "/profile"), session, profileShown), new CpuMeter(first.Id)),
            await Benchmark.MeasureAsync(wrk, new LoadTarget("instances", "`GET /profile`, HAProxy in front of instances 1 and 2", new Uri(toBoth.BaseUrl, "/profile"), session, profileShown), new CpuMeter(first.Id, second.Id)));

        IReadOnlyList<AdminPageResult> adminPages = [];
        if (seed is not null)
        {
            var adminWrk = new Wrk(settings.AdminConnections, settings.AdminWarmUp, settings.Duration);
            step($"Admin pages on PostgreSQL, instance 1: {settings.AdminConnections} connections, {settings.AdminWarmUp.TotalSeconds:0} s warm-up, {settings.Duration.TotalSeconds:0} s measured each");
            adminPages = await AdminPages.RunAsync(first.BaseUrl, session, seed, adminWrk, new CpuMeter(first.Id), step);
        }

        return new ScaleOutFigures(
            postgreSqlVersion,
            await LoadBalancer.VersionAsync(),
            [first.ColdStart, second.ColdStart],
            refresh,
            profile,
            new AdminFigures(seed, adminPages),
            plans,
            [await first.MeasureMemoryAsync(), await second.MeasureMemoryAsync()],
            [.. first.Output, .. second.Output]);
    }
}

/// <param name="Direct">One instance at its own address, no proxy.</param>
/// <param name="OneBehindProxy">The proxy's address with one instance behind it.</param>
/// <param name="TwoBehindProxy">The same kind of proxy with both instances behind it.</param>
internal sealed record ProfileLoads(PageLoad Direct, PageLoad OneBehindProxy, PageLoad TwoBehindProxy);

/// <param name="ColdStarts">Each instance's, from starting its process to its first 200, on PostgreSQL and Redis.</param>
/// <param name="Output">Log lines the instances wrote (Warning and above).</param>
internal sealed record ScaleOutFigures(
    string PostgreSqlVersion,
    string LoadBalancerVersion,
    IReadOnlyList<TimeSpan> ColdStarts,
    RefreshResult Refresh,
    ProfileLoads Profile,
    AdminFigures Admin,
    IReadOnlyList<PagePlans> Plans,
    IReadOnlyList<MemoryFigures> Memory,
    IReadOnlyList<string> Output);
