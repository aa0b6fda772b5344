using System.Net;

namespace WebPortal.Bench;

/// <summary>
/// The admin pages on the seeded database, as An Peeters (an admin through <c>Portal:Admins</c>): one check per page,
/// then the load generator on each. Only a 200 with the page's <c>data-testid</c> counts; a page that fails its
/// check (not built yet, or not an admin page) is reported as not measured rather than loaded with errors.
/// </summary>
internal static class AdminPages
{
    /// <summary>What the accounts list carries, the agreed contract with the admin pages.</summary>
    public const string ListMarker = "data-testid=\"admin-accounts\"";

    /// <summary>What one account's page carries.</summary>
    public const string DetailsMarker = "data-testid=\"admin-account\"";

    public static readonly TimeSpan P95Target = TimeSpan.FromMilliseconds(50);

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

    public static async Task<IReadOnlyList<AdminPageResult>> RunAsync(Uri portal, SignedInSession admin, AdminSeedResult seed, LoadGenerator load, Action<string> step)
    {
        var results = new List<AdminPageResult>();
        foreach (var target in Targets(seed))
        {
            var url = new Uri(portal, target.PathAndQuery);
            var problem = await CheckAsync(url, admin, target.Marker);
            if (problem is not null)
            {
                step($"GET {target.PathAndQuery}: not measured, {problem}");
                results.Add(new AdminPageResult(target, Load: null, problem));
                continue;
            }

            step($"Loading GET {target.PathAndQuery} as the admin An Peeters");
            var result = await load.RunAsync(url, Credentials.Cookie(admin), target.Marker);
            step($"{result.RequestsPerSecond:0} req/s, p50 {result.P50.TotalMilliseconds:0.00} ms, p95 {result.P95.TotalMilliseconds:0.00} ms, " +
                $"p99 {result.P99.TotalMilliseconds:0.00} ms, {result.Failed} failed; CPU: portal {result.Cpu.Portal:P0}, bench {result.Cpu.Bench:P0}, others {result.Cpu.Others:P0}");
            results.Add(new AdminPageResult(target, result, NotMeasured: null));
        }

        return results;
    }

    /// <summary>One GET before the load: null when the page is there for the admin, else what it answered instead.</summary>
    private static async Task<string?> CheckAsync(Uri url, SignedInSession admin, string marker)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Cookie", admin.CookieHeader);
        using var response = await http.SendAsync(request);
        var page = await response.Content.ReadAsStringAsync();
        return response.StatusCode != HttpStatusCode.OK ? $"it answered {(int)response.StatusCode}"
            : !page.Contains(marker, StringComparison.Ordinal) ? $"its 200 lacks {marker}"
            : null;
    }
}

/// <param name="Name">The request as the report names it (Markdown).</param>
/// <param name="What">What the page lists on the seeded database.</param>
internal sealed record AdminPageTarget(string Name, string PathAndQuery, string Marker, string What);

/// <param name="Load">Null when the page failed its check.</param>
/// <param name="NotMeasured">Why the page was not loaded.</param>
internal sealed record AdminPageResult(AdminPageTarget Target, LoadResult? Load, string? NotMeasured)
{
    public bool MetTarget => Load is { Failed: 0, Succeeded: > 0 } load && load.P95 < AdminPages.P95Target;
}

/// <param name="Seed">What was seeded; null when the run seeded nothing (<c>--seed-users 0</c>).</param>
internal sealed record AdminFigures(AdminSeedResult? Seed, IReadOnlyList<AdminPageResult> Pages);
