namespace WebPortal.Bench;

/// <summary>
/// The admin pages on the seeded database, as An Peeters (an admin through <c>Portal:Admins</c>): one check per page,
/// then wrk on each. The check wants a 200 with the page's <c>data-testid</c>; a page that fails it (not built yet,
/// or not an admin page) is reported as not measured rather than loaded with errors.
/// </summary>
internal static class AdminPages
{
    /// <summary>What the accounts list carries, the agreed contract with the admin pages.</summary>
    public const string ListMarker = "data-testid=\"admin-accounts\"";

    /// <summary>What one account's page carries.</summary>
    public const string DetailsMarker = "data-testid=\"admin-account\"";

    /// <summary>wrk's <c>--latency</c> gives p50, p75, p90 and p99: the target is on p99.</summary>
    public static readonly TimeSpan P99Target = TimeSpan.FromMilliseconds(50);

    public static IReadOnlyList<AdminPageTarget> Targets(AdminSeedResult seed) =>
    [
        new("`GET /admin/accounts`", "/admin/accounts", ListMarker, $"the first page of all {seed.Users:N0} users"),
        new($"`GET /admin/accounts?q={AdminSeed.SearchQuery}`", $"/admin/accounts?q={AdminSeed.SearchQuery}", ListMarker,
            $"a search, {seed.SearchMatches:N0} of the {seed.Users:N0} users match"),
        new("`GET /admin/accounts?provider=MyOrganizer&state=NeedsReconnect`", "/admin/accounts?provider=MyOrganizer&state=NeedsReconnect", ListMarker,
            $"a filter, the {seed.MyOrganizerNeedsReconnect:N0} users whose MyOrganizer connection needs a reconnect"),
        new("`GET /admin/accounts?page=1000`", "/admin/accounts?page=1000", ListMarker, $"page 1,000 of all {seed.Users:N0} users"),
        new("`GET /admin/accounts/{id}`", $"/admin/accounts/{seed.SampleUserId}", DetailsMarker,
            "one account, a seeded user with both providers, one of which needs a reconnect"),
    ];

    public static async Task<IReadOnlyList<AdminPageResult>> RunAsync(Uri portal, SignedInSession admin, AdminSeedResult seed, Wrk wrk, CpuMeter cpu, Action<string> step)
    {
        var results = new List<AdminPageResult>();
        foreach (var target in Targets(seed))
        {
            step($"Loading GET {target.PathAndQuery} as the admin An Peeters");
            var load = await wrk.MeasureAsync(new LoadTarget("portal", target.Name, new Uri(portal, target.PathAndQuery), admin, [target.Marker]), cpu);
            step(load.Describe());
            results.Add(new AdminPageResult(target, load));
        }

        return results;
    }
}

/// <param name="Name">The request as the report names it (Markdown).</param>
/// <param name="What">What the page lists on the seeded database.</param>
internal sealed record AdminPageTarget(string Name, string PathAndQuery, string Marker, string What);

internal sealed record AdminPageResult(AdminPageTarget Target, PageLoad Load)
{
    public bool MetTarget => Load.Good is { } result && result.P99 < AdminPages.P99Target;
}

/// <param name="Seed">What was seeded; null when the run seeded nothing (<c>--seed-users 0</c>).</param>
internal sealed record AdminFigures(AdminSeedResult? Seed, IReadOnlyList<AdminPageResult> Pages);
