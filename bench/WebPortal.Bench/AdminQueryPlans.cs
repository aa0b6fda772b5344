using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace WebPortal.Bench;

/// <summary>
/// <c>--explain &lt;database&gt;</c>: SQLite's plan and the time of each query the admin list is built from, run raw on a
/// seeded database (read-only, without ANALYZE statistics, as a portal's database is). It tells early whether the
/// indexes of <c>PortalDbContext</c> make every query an index search, whatever the page's code will look like.
/// </summary>
internal static class AdminQueryPlans
{
    private const int PageSize = 25;
    private const int WarmUpRuns = 3;
    private const int MeasuredRuns = 20;

    /// <summary>The columns a list row shows; never the token columns.</summary>
    private const string UserColumns = "u.\"Id\", u.\"DisplayName\", u.\"Email\", u.\"CreatedAt\", u.\"LastSignInAt\", u.\"IsAdmin\"";

    private const string ConnectionColumns = "c.\"Id\", c.\"Provider\", c.\"ProviderUserId\", c.\"ConnectedAt\", c.\"AccessTokenExpiresAt\", " +
        "c.\"LastRefreshAttemptAt\", c.\"LastRefreshOutcome\", c.\"Status\", c.\"ReconnectReason\", c.\"Scope\"";

    private const string Newest = "ORDER BY u.\"LastSignInAt\" DESC, u.\"Id\" DESC";

    private const string Search =
        "(u.\"NormalizedDisplayName\" >= $prefix AND u.\"NormalizedDisplayName\" < $prefix || char(0x10FFFF)) " +
        "OR (u.\"NormalizedEmail\" >= $prefix AND u.\"NormalizedEmail\" < $prefix || char(0x10FFFF)) " +
        "OR EXISTS (SELECT 1 FROM \"ProviderConnections\" AS p WHERE p.\"ProviderUserId\" = $q AND p.\"UserId\" = u.\"Id\")";

    private const string SearchWithIn =
        "(u.\"NormalizedDisplayName\" >= $prefix AND u.\"NormalizedDisplayName\" < $prefix || char(0x10FFFF)) " +
        "OR (u.\"NormalizedEmail\" >= $prefix AND u.\"NormalizedEmail\" < $prefix || char(0x10FFFF)) " +
        "OR u.\"Id\" IN (SELECT p.\"UserId\" FROM \"ProviderConnections\" AS p WHERE p.\"ProviderUserId\" = $q)";

    private const string Filter =
        "EXISTS (SELECT 1 FROM \"ProviderConnections\" AS p WHERE p.\"UserId\" = u.\"Id\" AND p.\"Provider\" = $provider AND p.\"Status\" = $status)";

    private const string FilterWithIn =
        "u.\"Id\" IN (SELECT p.\"UserId\" FROM \"ProviderConnections\" AS p WHERE p.\"Provider\" = $provider AND p.\"Status\" = $status)";

    private static readonly (string Name, string Sql)[] Queries =
    [
        ("(a) first page", Page("", 0)),
        ("(a) count", "SELECT COUNT(*) FROM \"Users\" AS u"),
        ("(a) page 1,000", Page("", 999 * PageSize)),
        ("(a) first page by name", Page("", 0, "ORDER BY u.\"NormalizedDisplayName\", u.\"Id\"")),
        ("(b) search, first page", Page($"WHERE {Search}", 0)),
        ("(b) search, count", $"SELECT COUNT(*) FROM \"Users\" AS u WHERE {Search}"),
        ("(b) search with IN instead of EXISTS, first page", Page($"WHERE {SearchWithIn}", 0)),
        ("(b) search with IN instead of EXISTS, count", $"SELECT COUNT(*) FROM \"Users\" AS u WHERE {SearchWithIn}"),
        ("(b) search for a prefix nobody has, first page", ForRarePrefix(Page($"WHERE {Search}", 0))),
        ("(b) search for a prefix nobody has, with IN, first page", ForRarePrefix(Page($"WHERE {SearchWithIn}", 0))),
        ("(b) search for an external id, first page", ForExternalId(Page($"WHERE {Search}", 0))),
        ("(b) search for an external id, with IN, first page", ForExternalId(Page($"WHERE {SearchWithIn}", 0))),
        ("(c) filter, first page", Page($"WHERE {Filter}", 0)),
        ("(c) filter, count", $"SELECT COUNT(*) FROM \"Users\" AS u WHERE {Filter}"),
        ("(c) filter, page 100", Page($"WHERE {Filter}", 99 * PageSize)),
        ("(c) filter with IN instead of EXISTS, first page", Page($"WHERE {FilterWithIn}", 0)),
        ("(c) filter with IN instead of EXISTS, count", $"SELECT COUNT(*) FROM \"Users\" AS u WHERE {FilterWithIn}"),
        ("(c) filter with IN instead of EXISTS, page 100", Page($"WHERE {FilterWithIn}", 99 * PageSize)),
        ("(c) filter, count of connections instead", "SELECT COUNT(*) FROM \"ProviderConnections\" AS p WHERE p.\"Provider\" = $provider AND p.\"Status\" = $status"),
        ("details: the user", $"SELECT {UserColumns} FROM \"Users\" AS u WHERE u.\"Id\" = $id"),
        ("details: their connections", $"SELECT {ConnectionColumns} FROM \"ProviderConnections\" AS c WHERE c.\"UserId\" = $id ORDER BY c.\"Provider\""),
    ];

    public static async Task<int> RunAsync(string databasePath, TextWriter output)
    {
        if (!File.Exists(databasePath))
        {
            throw new BenchmarkFailedException($"{databasePath} does not exist: seed it first with --seed-only {databasePath}.");
        }

        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var version = Scalar(connection, "SELECT sqlite_version()", []);
        var statistics = Scalar(connection, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'sqlite_stat1'", []);
        var externalId = (string)Scalar(connection, "SELECT \"ProviderUserId\" FROM \"ProviderConnections\" WHERE \"Provider\" = 'KlasCement' LIMIT 1 OFFSET 1000", []);
        var parameters = new Dictionary<string, object>
        {
            ["$prefix"] = WebPortal.Data.PortalUser.Normalize(AdminSeed.SearchQuery),
            ["$q"] = AdminSeed.SearchQuery,
            ["$externalId"] = externalId,
            ["$externalIdPrefix"] = WebPortal.Data.PortalUser.Normalize(externalId),
            ["$rare"] = "zzq",
            ["$rarePrefix"] = "ZZQ",
            ["$provider"] = SeedPopulation.MyOrganizer,
            ["$status"] = nameof(WebPortal.Data.ConnectionStatus.NeedsReconnect),
            ["$id"] = Scalar(connection, "SELECT \"Id\" FROM \"Users\" ORDER BY \"LastSignInAt\" DESC LIMIT 1 OFFSET 500", []),
        };

        await output.WriteLineAsync($"SQLite {version}, {Scalar(connection, "SELECT COUNT(*) FROM \"Users\"", [])} users, " +
            $"{Scalar(connection, "SELECT COUNT(*) FROM \"ProviderConnections\"", [])} connections, ANALYZE statistics: {(Convert.ToInt64(statistics, CultureInfo.InvariantCulture) == 0 ? "none" : "present")}.");
        await output.WriteLineAsync($"Parameters: {string.Join(", ", parameters.Select(p => $"{p.Key} = '{p.Value}'"))}. Times: median and slowest of {MeasuredRuns} runs after {WarmUpRuns}, all rows read.");
        foreach (var (name, sql) in Queries)
        {
            var used = parameters.Where(p => sql.Contains(p.Key, StringComparison.Ordinal)).ToList();
            await output.WriteLineAsync();
            await output.WriteLineAsync($"## {name}");
            await output.WriteLineAsync(sql);
            foreach (var line in Plan(connection, sql, used))
            {
                await output.WriteLineAsync($"  {line}");
            }

            var (rows, median, slowest) = Time(connection, sql, used);
            await output.WriteLineAsync($"  -> {rows} row(s); median {median.TotalMilliseconds:0.00} ms, slowest {slowest.TotalMilliseconds:0.00} ms");
        }

        return 0;
    }

    /// <summary>A page of users with their connections, the way EF Core writes <c>Include</c> after <c>Skip/Take</c>.</summary>
    private static string Page(string where, int offset, string order = Newest) =>
        $"SELECT {UserColumns.Replace("u.", "s.", StringComparison.Ordinal)}, {ConnectionColumns} FROM " +
        $"(SELECT {UserColumns}, u.\"NormalizedDisplayName\" FROM \"Users\" AS u {where} {order} LIMIT {PageSize} OFFSET {offset}) AS s " +
        $"LEFT JOIN \"ProviderConnections\" AS c ON s.\"Id\" = c.\"UserId\" {order.Replace("u.", "s.", StringComparison.Ordinal)}, c.\"Id\"";

    /// <summary>The admin page passes its <c>q</c> both as the prefix and as the exact external id.</summary>
    private static string ForExternalId(string sql) =>
        sql.Replace("$prefix", "$externalIdPrefix", StringComparison.Ordinal).Replace("$q", "$externalId", StringComparison.Ordinal);

    private static string ForRarePrefix(string sql) =>
        sql.Replace("$prefix", "$rarePrefix", StringComparison.Ordinal).Replace("$q", "$rare", StringComparison.Ordinal);

    private static List<string> Plan(SqliteConnection connection, string sql, List<KeyValuePair<string, object>> parameters)
    {
        using var command = Command(connection, $"EXPLAIN QUERY PLAN {sql}", parameters);
        using var reader = command.ExecuteReader();
        var depth = new Dictionary<long, int> { [0] = 0 };
        var lines = new List<string>();
        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            var level = depth.GetValueOrDefault(reader.GetInt64(1)) + 1;
            depth[id] = level;
            lines.Add($"{new string(' ', 2 * (level - 1))}{reader.GetString(3)}");
        }

        return lines;
    }

    private static (int Rows, TimeSpan Median, TimeSpan Slowest) Time(SqliteConnection connection, string sql, List<KeyValuePair<string, object>> parameters)
    {
        using var command = Command(connection, sql, parameters);
        var times = new List<TimeSpan>();
        var rows = 0;
        for (var run = 0; run < WarmUpRuns + MeasuredRuns; run++)
        {
            var started = Stopwatch.GetTimestamp();
            rows = 0;
            using (var reader = command.ExecuteReader())
            {
                var values = new object[reader.FieldCount];
                while (reader.Read())
                {
                    reader.GetValues(values);
                    rows++;
                }
            }

            if (run >= WarmUpRuns)
            {
                times.Add(Stopwatch.GetElapsedTime(started));
            }
        }

        times.Sort();
        return (rows, times[times.Count / 2], times[^1]);
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, IEnumerable<KeyValuePair<string, object>> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private static object Scalar(SqliteConnection connection, string sql, IEnumerable<KeyValuePair<string, object>> parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteScalar() ?? throw new BenchmarkFailedException($"No answer to {sql}: is it a seeded portal database?");
    }
}
