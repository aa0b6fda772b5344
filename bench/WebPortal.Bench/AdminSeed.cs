using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using WebPortal.Data;

namespace WebPortal.Bench;

/// <summary>
/// Fills a portal database for the admin pages: the portal's own <see cref="PortalDbContext"/> and migrations create
/// the schema, then the <see cref="SeedPopulation"/>'s users, connections and audit entries go in through prepared
/// INSERTs in one transaction (not EF's change tracking, which would take minutes for 100,000 users). The portal's model
/// then reads a seeded user back, so that a column written in another format than EF's fails here, not on a page.
/// </summary>
internal static class AdminSeed
{
    /// <summary>The search the benchmark measures: a first-name prefix many seeded users share (Jan, Jana, Janne, Jannes, …).</summary>
    public const string SearchQuery = "jan";

    /// <summary>One audit entry per this many users: 4,000 for 100,000 users.</summary>
    private const int UsersPerAuditEntry = 25;

    /// <summary>Users kept in memory as subjects of the audit entries.</summary>
    private const int AuditSubjects = 10_000;

    public static async Task<AdminSeedResult> SeedAsync(string databasePath, int users)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(users, 1);
        var elapsed = Stopwatch.StartNew();
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString();
        await MigrateAsync(connectionString);

        var population = new SeedPopulation(DateTimeOffset.UtcNow);
        var searchPrefix = PortalUser.Normalize(SearchQuery);
        var searchMatches = 0;
        Guid? sampleUserId = null;
        Guid? fallbackUserId = null;
        var subjects = new List<PortalUser>(Math.Min(users, AuditSubjects));
        var admins = new List<PortalUser>();
        await using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            if (Scalar(connection, "SELECT COUNT(*) FROM \"Users\"") > 0)
            {
                throw new BenchmarkFailedException($"{databasePath} already holds users: seed a new database file.");
            }

            // Room for the indexes' pages while random ids are inserted into them.
            Execute(connection, "PRAGMA cache_size = -131072");
            Execute(connection, "PRAGMA synchronous = OFF");
            using var transaction = connection.BeginTransaction();
            using var insertUser = Prepare(connection, transaction, "Users",
                "Id", "DisplayName", "NormalizedDisplayName", "Email", "NormalizedEmail", "CreatedAt", "LastSignInAt", "IsAdmin");
            using var insertConnection = Prepare(connection, transaction, "ProviderConnections",
                "Id", "UserId", "Provider", "ProviderUserId", "ProtectedAccessToken", "ProtectedRefreshToken", "AccessTokenExpiresAt", "Scope",
                "Status", "ConnectedAt", "LastRefreshedAt", "LastRefreshAttemptAt", "LastRefreshOutcome", "ReconnectReason", "Version");
            using var insertAuditEntry = Prepare(connection, transaction, "AuditEntries",
                "At", "Action", "ActorUserId", "ActorName", "SubjectUserId", "SubjectName", "Provider", "ExternalUserId", "Detail", "ClientIp");

            for (var index = 0; index < users; index++)
            {
                var user = population.User(index);
                Insert(insertUser, Text(user.Id), user.DisplayName, user.NormalizedDisplayName, user.Email, user.NormalizedEmail,
                    user.CreatedAt.UtcTicks, user.LastSignInAt.UtcTicks, user.IsAdmin ? 1 : 0);
                foreach (var c in user.Connections)
                {
                    Insert(insertConnection, Text(c.Id), Text(c.UserId), c.Provider, c.ProviderUserId, c.ProtectedAccessToken, c.ProtectedRefreshToken,
                        c.AccessTokenExpiresAt, c.Scope, c.Status.ToString(), c.ConnectedAt, c.LastRefreshedAt, c.LastRefreshAttemptAt,
                        c.LastRefreshOutcome, c.ReconnectReason, Text(c.Version));
                }

                if (user.NormalizedDisplayName.StartsWith(searchPrefix, StringComparison.Ordinal)
                    || user.NormalizedEmail?.StartsWith(searchPrefix, StringComparison.Ordinal) == true)
                {
                    searchMatches++;
                }

                if (sampleUserId is null && user.Connections.Count == 2 && user.Connections.Exists(c => c.Status == ConnectionStatus.NeedsReconnect))
                {
                    sampleUserId = user.Id;
                }

                fallbackUserId ??= user.Id;

                if (user.IsAdmin)
                {
                    admins.Add(user);
                }

                if (subjects.Count < AuditSubjects)
                {
                    subjects.Add(user);
                }
            }

            foreach (var e in population.AuditEntries(users / UsersPerAuditEntry, subjects, admins))
            {
                Insert(insertAuditEntry, e.At.UtcTicks, e.Action.ToString(), Text(e.ActorUserId), e.ActorName, Text(e.SubjectUserId), e.SubjectName,
                    e.Provider, e.ExternalUserId, e.Detail, e.ClientIp);
            }

            transaction.Commit();
        }

        var seeded = elapsed.Elapsed;
        var result = await CountAsync(connectionString, databasePath, seeded, sampleUserId ?? fallbackUserId!.Value, searchMatches);
        await ReadBackAsync(connectionString, result.SampleUserId);
        return result;
    }

    private static async Task MigrateAsync(string connectionString)
    {
        await using var db = NewContext(connectionString);
        await db.Database.MigrateAsync();
    }

    /// <summary>The seeded figures as the database has them, which also proves that every row went in.</summary>
    private static async Task<AdminSeedResult> CountAsync(string connectionString, string databasePath, TimeSpan elapsed, Guid sampleUserId, int searchMatches)
    {
        await using var connection = new SqliteConnection(connectionString);
        connection.Open();
        long Count(string sql) => Scalar(connection, sql);
        return new AdminSeedResult(
            Count("SELECT COUNT(*) FROM \"Users\""),
            Count("SELECT COUNT(*) FROM \"Users\" WHERE \"IsAdmin\""),
            Count("SELECT COUNT(*) FROM \"Users\" WHERE \"Email\" IS NULL"),
            Count("SELECT COUNT(*) FROM \"ProviderConnections\" WHERE \"Provider\" = 'KlasCement'"),
            Count("SELECT COUNT(*) FROM \"ProviderConnections\" WHERE \"Provider\" = 'MyOrganizer'"),
            Count("SELECT COUNT(*) FROM (SELECT \"UserId\" FROM \"ProviderConnections\" GROUP BY \"UserId\" HAVING COUNT(*) = 2)"),
            Count("SELECT COUNT(*) FROM \"ProviderConnections\" WHERE \"Status\" = 'NeedsReconnect'"),
            Count("SELECT COUNT(*) FROM \"ProviderConnections\" WHERE \"Provider\" = 'MyOrganizer' AND \"Status\" = 'NeedsReconnect'"),
            Count("SELECT COUNT(*) FROM \"AuditEntries\""),
            searchMatches,
            sampleUserId,
            elapsed,
            new FileInfo(databasePath).Length);
    }

    /// <summary>Reads the sample user back through the portal's model: ids, times and states must be as EF writes them.</summary>
    private static async Task ReadBackAsync(string connectionString, Guid userId)
    {
        await using var db = NewContext(connectionString);
        var user = await db.Users.AsNoTracking().Include(u => u.Connections).SingleOrDefaultAsync(u => u.Id == userId);
        if (user is null || user.Connections.Count == 0 || user.LastSignInAt < user.CreatedAt
            || user.Connections.Exists(c => c.ConnectedAt < user.CreatedAt || c.UserId != user.Id))
        {
            throw new BenchmarkFailedException($"The portal's model does not read back seeded user {userId} as it was written.");
        }
    }

    private static PortalDbContext NewContext(string connectionString) =>
        new(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite(connectionString).Options);

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string table, params string[] columns)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
            $"VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        for (var i = 0; i < columns.Length; i++)
        {
            command.Parameters.Add(new SqliteParameter($"$p{i}", null));
        }

        command.Prepare();
        return command;
    }

    private static void Insert(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }

    /// <summary>A Guid as EF Core stores it in SQLite: upper-case text (Microsoft.Data.Sqlite would bind a Guid as a blob).</summary>
    private static string? Text(Guid? id) => id?.ToString("D").ToUpperInvariant();

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

/// <summary>What a seeded database holds, as counted in it after the seeding.</summary>
/// <param name="UsersWithBoth">Users with a KlasCement and a MyOrganizer connection.</param>
/// <param name="MyOrganizerNeedsReconnect">Users whose MyOrganizer connection needs a reconnect: what the measured filter lists.</param>
/// <param name="SearchMatches">Users whose name or e-mail starts with <see cref="AdminSeed.SearchQuery"/>.</param>
/// <param name="SampleUserId">A user with both connections, one of which needs a reconnect (with very few users, the first one): the measured details page.</param>
/// <param name="Elapsed">Migrations, inserts and commit, before the counting.</param>
internal sealed record AdminSeedResult(
    long Users,
    long Admins,
    long UsersWithoutEmail,
    long KlasCementConnections,
    long MyOrganizerConnections,
    long UsersWithBoth,
    long NeedsReconnect,
    long MyOrganizerNeedsReconnect,
    long AuditEntries,
    int SearchMatches,
    Guid SampleUserId,
    TimeSpan Elapsed,
    long DatabaseBytes)
{
    public long Connections => KlasCementConnections + MyOrganizerConnections;

    public double DatabaseMiB => DatabaseBytes / (1024.0 * 1024.0);

    public string Describe() =>
        $"{Users:N0} users ({Admins:N0} of them admins, {UsersWithoutEmail:N0} without an e-mail address) with {Connections:N0} connections " +
        $"({KlasCementConnections:N0} KlasCement, {MyOrganizerConnections:N0} MyOrganizer; {UsersWithBoth:N0} users have both; " +
        $"{NeedsReconnect:N0} need a reconnect, {MyOrganizerNeedsReconnect:N0} of them MyOrganizer) and {AuditEntries:N0} audit entries, " +
        $"seeded in {Elapsed.TotalSeconds:0.0} s; the database file is {DatabaseMiB:N1} MiB.";
}
