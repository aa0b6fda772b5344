using System.Globalization;

namespace WebPortal.Bench;

/// <summary>The report's part on several instances (issue 11): figures, PostgreSQL's plans, and how they were measured.</summary>
internal static class ScaleOutReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static IEnumerable<string> Results(ScaleOutFigures? figures, BenchSettings settings)
    {
        yield return "### Several instances on PostgreSQL and Redis";
        yield return "";
        if (figures is null)
        {
            yield return "Not measured: this run was started with `--no-scale-out`.";
            yield break;
        }

        var (refresh, profile) = (figures.Refresh, figures.Profile);
        yield return $"Two portal processes on one PostgreSQL {figures.PostgreSqlVersion} database and one Redis, with {figures.LoadBalancerVersion} in front (step 9 below). " +
            $"wrk as above: {settings.Connections} connections, {settings.WarmUp.TotalSeconds:0} s of warm-up, {settings.Duration.TotalSeconds:0} s measured. " +
            "All of it shares the machine's cores: a second instance adds no CPU here, so two instances behind the proxy show what the sharing and the proxy cost, not what a second machine would add.";
        yield return "";
        yield return "| Measure | Figure | Side by side | Target | Met? |";
        yield return "|---|---|---|---|---|";
        yield return $"| Refresh calls caused by {refresh.Requests} concurrent `GET /profile` with a token due for refresh, taking turns over {refresh.Instances} instances | " +
            $"{refresh.RefreshCalls} ({refresh.ShowedProfile}/{refresh.Requests} answered 200 with the profile, all within {refresh.Elapsed.TotalMilliseconds:N0} ms) | – | exactly 1, all 200 | {Report.Met(refresh.RefreshCalls == 1 && refresh.ShowedProfile == refresh.Requests)} |";
        yield return $"| {profile.Direct.Target.Name}: throughput; latency p50 / p99 | {Figure(profile.Direct)} | – | – | – |";
        yield return $"| {profile.OneBehindProxy.Target.Name}: throughput; latency p50 / p99 | {Figure(profile.OneBehindProxy)} | {Ratio(profile.OneBehindProxy, profile.Direct)} the throughput on its own address | – | – |";
        yield return $"| {profile.TwoBehindProxy.Target.Name}: throughput; latency p50 / p99 | {Figure(profile.TwoBehindProxy)} | {Ratio(profile.TwoBehindProxy, profile.OneBehindProxy)} the throughput of one instance behind HAProxy | – | – |";
        foreach (var row in Report.AdminRows(figures.Admin, settings, " on PostgreSQL"))
        {
            yield return row;
        }

        yield return $"| Cold start of each instance on PostgreSQL and Redis, to its first 200 to `GET /` | {string.Join(" and ", figures.ColdStarts.Select(start => $"{start.TotalSeconds.ToString("0.00", Invariant)} s"))} | – | – | – |";
        yield return $"| Peak resident memory of each instance (VmHWM) | {string.Join(" and ", figures.Memory.Select(memory => $"{memory.PeakRssKb / 1024.0:N1} MiB"))} | – | – | – |";
        yield return "";

        if (figures.Plans.Count > 0)
        {
            yield return $"PostgreSQL's plans of the admin pages' queries on the {figures.Admin.Seed!.Users:N0} seeded users, after `VACUUM ANALYZE`, with the planner free to choose (`EXPLAIN (ANALYZE)`, the second of two runs; the plans in full are under Details):";
            yield return "";
            yield return "| Page | Queries | Indexes the plans use | Tables read whole (Seq Scan) | Execution, all queries |";
            yield return "|---|---|---|---|---|";
            foreach (var page in figures.Plans)
            {
                yield return $"| {page.Page} | {page.Queries.Count} | {string.Join(", ", page.Indexes.Select(index => $"`{index}`").DefaultIfEmpty("none"))} | " +
                    $"{SequentialScans(page)} | {page.Execution.TotalMilliseconds.ToString("0.00", Invariant)} ms |";
            }

            yield return "";
        }
    }

    public static IEnumerable<string> Details(ScaleOutFigures? figures)
    {
        if (figures is null)
        {
            yield break;
        }

        yield return "Details of the several instances:";
        yield return "";
        foreach (var load in new[] { figures.Profile.Direct, figures.Profile.OneBehindProxy, figures.Profile.TwoBehindProxy })
        {
            yield return Report.Detail(load) + " Other processes include HAProxy, PostgreSQL and Redis.";
        }

        if (figures.Admin.Seed is { } seed)
        {
            yield return $"- Seeded PostgreSQL database: {seed.Describe()}";
        }

        foreach (var page in figures.Admin.Pages)
        {
            yield return Report.Detail(page.Load);
        }

        yield return $"- The instances wrote {figures.Output.Count} log line(s) at Warning or above.";
        yield return "";
        if (figures.Plans.Count == 0)
        {
            yield break;
        }

        yield return "<details><summary>PostgreSQL's plans of the admin pages' queries</summary>";
        yield return "";
        foreach (var page in figures.Plans)
        {
            yield return $"#### {page.Page}";
            yield return "";
            foreach (var query in page.Queries)
            {
                yield return "```sql";
                yield return query.Sql.Trim();
                yield return "```";
                yield return "```text";
                foreach (var line in query.Plan)
                {
                    yield return line;
                }

                yield return "```";
                yield return "";
            }
        }

        yield return "</details>";
        yield return "";
    }

    public static string Method(BenchSettings settings) =>
        "9. **Several instances** (unless `--no-scale-out`): after the single portal and the floor are stopped, starts a PostgreSQL server of the bench's own (the test kit's `PostgreSqlServer`: Debian's `initdb` and `pg_ctl` on a free loopback port, data in a temporary folder, " +
        "`fsync`, `synchronous_commit` and `full_page_writes` off, as the data is thrown away; `WEBPORTAL_TEST_POSTGRESQL` names an existing server instead) with a new database, and a Redis server (`redis-server` on a free loopback port, nothing saved). " +
        (settings.SeedUsers == 0
            ? "With `--seed-users 0` nothing is seeded and no admin page or plan is measured. "
            : $"`AdminSeed` migrates the database with the portal's `PostgreSqlPortalDbContext` and fills it with the same {settings.SeedUsers:N0} users as step 7, by binary `COPY` in one transaction, and reads a user back through the model; " +
              "then `VACUUM ANALYZE` (what autovacuum does after so many inserts), and each admin page's queries are run by the portal's own `AccountDirectory` on a context that records its commands, and each command is run twice more under `EXPLAIN (ANALYZE)` with the same parameters (the second is reported). ") +
        "Starts two portal processes as in step 2, one after the other, each with `Database__Provider=PostgreSQL`, `ConnectionStrings__Portal` naming that database, `Redis__Configuration` naming that Redis and `Redis__KeyPrefix=webportal-bench:`: they share the database, the key ring in it, and the cache invalidations. " +
        $"**Refresh burst**: step 6 with the requests taking turns over the two instances (request i to instance i mod 2, each at its own address), Jan Janssens signed in on the first; the refresh calls the KlasCement stand-in received are counted. " +
        "**Throughput**: An Peeters signs in on the first instance; two HAProxy processes (Debian's `haproxy`, HTTP mode, `balance roundrobin` per request, `http-reuse always`, no health checks, no log), one with the first instance behind it and one with both, each on a loopback port of its own. " +
        "`GET /profile` is loaded as in step 5 three times: at the first instance's own address, through the proxy with one instance, and through the proxy with both (the second instance gets its warm-up there); the CPU share shown for the app is the instances' (both, for the last). " +
        (settings.SeedUsers == 0 ? "" : "**Admin pages**: as in step 7, on the first instance's own address, on PostgreSQL. ") +
        "Reads each instance's VmHWM, then stops the proxies and kills the instances, Redis, and drops the database.";

    /// <summary>A table read whole is in bold, unless only the count of all its rows read it, which cannot do otherwise.</summary>
    private static string SequentialScans(PagePlans page) =>
        string.Join(", ", page.SequentiallyScanned
            .Select(table => page.SequentiallyScannedBeyondCounts.Contains(table) ? $"**`{table}`**" : $"`{table}`, by the count of all its rows only")
            .DefaultIfEmpty("none"));

    private static string Figure(PageLoad load) =>
        load.Good is { } result ? $"{result.RequestsPerSecond:N0} req/s; {Report.Ms(result.P50)} / {Report.Ms(result.P99)} ms" : load.Problem ?? "not measured";

    private static string Ratio(PageLoad load, PageLoad baseline) =>
        load.Good is { } a && baseline.Good is { } b && b.RequestsPerSecond > 0 ? string.Create(Invariant, $"{a.RequestsPerSecond / b.RequestsPerSecond:0.00}×") : "–";
}
