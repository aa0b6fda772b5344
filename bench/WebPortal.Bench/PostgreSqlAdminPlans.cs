using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using WebPortal.Areas.Admin.Accounts;
using WebPortal.Data;

namespace WebPortal.Bench;

/// <summary>
/// The plans PostgreSQL chooses for the admin pages' queries on the seeded database, where the planner chooses
/// freely (the tests force index use on 300 users, <c>enable_seqscan = off</c>; here it is on), after
/// <c>VACUUM ANALYZE</c>: what autovacuum runs on a real database after so many inserts (PostgreSQL 13 and later also
/// vacuum for inserts), which gives the planner statistics and marks the pages all-visible, so that an index-only scan
/// need not visit the table. Each page's queries are the portal's own:
/// <see cref="AccountDirectory"/> runs them on a context that records its commands, then each is run again under
/// <c>EXPLAIN (ANALYZE)</c> with the same parameters.
/// </summary>
internal static partial class PostgreSqlAdminPlans
{
    private static readonly string[] KnownProviders = [SeedPopulation.KlasCement, SeedPopulation.MyOrganizer];

    /// <summary>The admin pages the bench loads (<see cref="AdminPages.Targets"/>), as the directory is asked for them.</summary>
    private static IEnumerable<(string Page, Func<AccountDirectory, Task> Read)> Pages(AdminSeedResult seed) =>
    [
        ("`GET /admin/accounts`", directory => ListAsync(directory, q: null, provider: null, state: null, page: 1)),
        ($"`GET /admin/accounts?q={AdminSeed.SearchQuery}`", directory => ListAsync(directory, AdminSeed.SearchQuery, provider: null, state: null, page: 1)),
        ("`GET /admin/accounts?provider=MyOrganizer&state=NeedsReconnect`",
            directory => ListAsync(directory, q: null, SeedPopulation.MyOrganizer, nameof(ConnectionStatus.NeedsReconnect), page: 1)),
        ("`GET /admin/accounts?page=1000`", directory => ListAsync(directory, q: null, provider: null, state: null, page: 1000)),
        ("`GET /admin/accounts/{id}`", async directory => _ = await directory.FindAsync(seed.SampleUserId, CancellationToken.None)),
    ];

    public static async Task<IReadOnlyList<PagePlans>> ReadAsync(string connectionString, AdminSeedResult seed)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // The tables by name: a database-wide VACUUM right after the load left the users' pages not all-visible.
        await using (var vacuum = new NpgsqlCommand("""VACUUM (ANALYZE) "Users", "ProviderConnections", "AuditEntries" """, connection))
        {
            await vacuum.ExecuteNonQueryAsync();
        }

        var pages = new List<PagePlans>();
        foreach (var (page, read) in Pages(seed))
        {
            var recorder = new SqlCommandRecorder();
            await using (var db = new PostgreSqlPortalDbContext(
                new DbContextOptionsBuilder<PostgreSqlPortalDbContext>().UseNpgsql(connectionString).AddInterceptors(recorder).Options))
            {
                await read(new AccountDirectory(db));
            }

            var queries = new List<QueryPlan>();
            foreach (var (sql, parameters) in recorder.Commands)
            {
                // Once to warm the buffers and the plan cache, as the page's steady state would; the second is kept.
                await ExplainAsync(connection, sql, parameters);
                queries.Add(await ExplainAsync(connection, sql, parameters));
            }

            pages.Add(new PagePlans(page, queries));
        }

        return pages;
    }

    public static async Task<string> ServerVersionAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection.PostgreSqlVersion.ToString();
    }

    private static async Task ListAsync(AccountDirectory directory, string? q, string? provider, string? state, int page) =>
        _ = await directory.ListAsync(AccountListQuery.Parse(q, provider, state, sort: null, page, size: null, KnownProviders), CancellationToken.None);

    private static async Task<QueryPlan> ExplainAsync(NpgsqlConnection connection, string sql, List<(string Name, object? Value)> parameters)
    {
        await using var command = new NpgsqlCommand($"EXPLAIN (ANALYZE) {sql}", connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        var execution = plan.Select(line => ExecutionTime().Match(line)).FirstOrDefault(match => match.Success);
        return new QueryPlan(
            sql,
            plan,
            [.. plan.Select(line => IndexUsed().Match(line)).Where(match => match.Success).Select(match => match.Groups["index"].Value).Distinct()],
            [.. plan.Select(line => SequentialScan().Match(line)).Where(match => match.Success).Select(match => match.Groups["table"].Value).Distinct()],
            execution is null ? null : TimeSpan.FromMilliseconds(double.Parse(execution.Groups["ms"].Value, CultureInfo.InvariantCulture)));
    }

    /// <summary>"Index Scan using IX_… on …", "Index Only Scan using …", "Bitmap Index Scan on IX_…".</summary>
    [GeneratedRegex("""(?:Index (?:Only )?Scan(?: Backward)? using|Bitmap Index Scan on) "?(?<index>[A-Za-z0-9_]+)"?""")]
    private static partial Regex IndexUsed();

    [GeneratedRegex("""Seq Scan on "?(?<table>[A-Za-z0-9_]+)"?""")]
    private static partial Regex SequentialScan();

    [GeneratedRegex("""^Execution Time: (?<ms>[0-9.]+) ms""")]
    private static partial Regex ExecutionTime();
}

/// <param name="Page">The admin page as the report names it.</param>
/// <param name="Queries">Every command the page's directory call ran, in order.</param>
internal sealed record PagePlans(string Page, IReadOnlyList<QueryPlan> Queries)
{
    public IEnumerable<string> SequentiallyScanned => Queries.SelectMany(query => query.SequentiallyScanned).Distinct();

    /// <summary>The tables read whole by a query that is not the count of every row of it, which must read them all.</summary>
    public IEnumerable<string> SequentiallyScannedBeyondCounts =>
        Queries.Where(query => !query.CountsEveryRow).SelectMany(query => query.SequentiallyScanned).Distinct();

    public IEnumerable<string> Indexes => Queries.SelectMany(query => query.Indexes).Distinct();

    public TimeSpan Execution => TimeSpan.FromTicks(Queries.Sum(query => query.Execution?.Ticks ?? 0));
}

/// <param name="SequentiallyScanned">Tables a plan node reads whole.</param>
/// <param name="Execution">PostgreSQL's own "Execution Time" of the kept run.</param>
internal sealed partial record QueryPlan(string Sql, IReadOnlyList<string> Plan, IReadOnlyList<string> Indexes, IReadOnlyList<string> SequentiallyScanned, TimeSpan? Execution)
{
    /// <summary>
    /// <c>SELECT count(*) FROM "Users"</c> without a condition: PostgreSQL keeps no row count, so it reads every row,
    /// from the table or from an index, whichever it deems cheaper.
    /// </summary>
    public bool CountsEveryRow => WholeTableCount().IsMatch(Sql);

    [GeneratedRegex("""^\s*SELECT count\(\*\)(::int)?\s+FROM "[A-Za-z]+" AS [a-z0-9]+\s*$""", RegexOptions.IgnoreCase)]
    private static partial Regex WholeTableCount();
}
