using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using WebPortal.Data;

namespace WebPortal.Bench;

/// <summary>
/// Fills a portal database for the admin pages, on SQLite or on PostgreSQL: the portal's own context and migrations
/// create the schema, then the <see cref="SeedPopulation"/>'s users, connections and audit entries go in through the
/// engine's bulk path in one transaction (prepared INSERTs on SQLite, binary COPY on PostgreSQL; EF's change tracking
/// would take minutes for 100,000 users). The portal's model then reads a seeded user back, so that a column written
/// in another format than EF's fails here, not on a page.
/// </summary>
internal static class AdminSeed
{
    /// <summary>The search the benchmark measures: a first-name prefix many seeded users share (Jan, Jana, Janne, Jannes, …).</summary>
    public const string SearchQuery = "jan";

    /// <summary>One audit entry per this many users: 4,000 for 100,000 users.</summary>
    private const int UsersPerAuditEntry = 25;

    /// <summary>Users kept in memory as subjects of the audit entries.</summary>
    private const int AuditSubjects = 10_000;

    /// <summary>Seeds a new SQLite database file.</summary>
    public static Task<AdminSeedResult> SeedAsync(string databasePath, int users) =>
        SeedAsync(new SqliteSeedTarget(databasePath), users);

    /// <summary>Seeds an empty PostgreSQL database.</summary>
    public static Task<AdminSeedResult> SeedPostgreSqlAsync(string connectionString, int users) =>
        SeedAsync(new PostgreSqlSeedTarget(connectionString), users);

    private static async Task<AdminSeedResult> SeedAsync(SeedTarget target, int users)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(users, 1);
        var elapsed = Stopwatch.StartNew();
        await using (var db = target.NewContext())
        {
            await db.Database.MigrateAsync();
        }

        var population = new SeedPopulation(DateTimeOffset.UtcNow);
        var searchPrefix = PortalUser.Normalize(SearchQuery);
        var searchMatches = 0;
        Guid? sampleUserId = null;
        Guid? fallbackUserId = null;
        var subjects = new List<PortalUser>(Math.Min(users, AuditSubjects));
        var admins = new List<PortalUser>();
        await using (var connection = await target.OpenAsync())
        {
            if (Count(connection, "SELECT COUNT(*) FROM \"Users\"") > 0)
            {
                throw new BenchmarkFailedException($"{target.Name} already holds users: seed a new database.");
            }

            await using var writer = await target.BeginWritingAsync(connection);
            for (var index = 0; index < users; index++)
            {
                var user = population.User(index);
                await writer.AddAsync(user);
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

            await writer.AddAsync(population.AuditEntries(users / UsersPerAuditEntry, subjects, admins));
            await writer.CommitAsync();
        }

        var seeded = elapsed.Elapsed;
        var result = await CountAsync(target, seeded, sampleUserId ?? fallbackUserId!.Value, searchMatches);
        await ReadBackAsync(target, result.SampleUserId);
        return result;
    }

    /// <summary>The seeded figures as the database has them, which also proves that every row went in.</summary>
    private static async Task<AdminSeedResult> CountAsync(SeedTarget target, TimeSpan elapsed, Guid sampleUserId, int searchMatches)
    {
        await using var connection = await target.OpenAsync();
        return new AdminSeedResult(
            target.Engine,
            Count(connection, "SELECT COUNT(*) FROM \"Users\""),
            Count(connection, "SELECT COUNT(*) FROM \"Users\" WHERE \"IsAdmin\""),
            Count(connection, "SELECT COUNT(*) FROM \"Users\" WHERE \"Email\" IS NULL"),
            Count(connection, "SELECT COUNT(*) FROM \"ProviderConnections\" WHERE \"Provider\" = 'KlasCement'"),
            Count(connection, "SELECT COUNT(*) FROM \"ProviderConnections\" WHERE \"Provider\" = 'MyOrganizer'"),
            Count(connection, "SELECT COUNT(*) FROM (SELECT \"UserId\" FROM \"ProviderConnections\" GROUP BY \"UserId\" HAVING COUNT(*) = 2) AS both_providers"),
            Count(connection, "SELECT COUNT(*) FROM \"ProviderConnections\" WHERE \"Status\" = 'NeedsReconnect'"),
            Count(connection, "SELECT COUNT(*) FROM \"ProviderConnections\" WHERE \"Provider\" = 'MyOrganizer' AND \"Status\" = 'NeedsReconnect'"),
            Count(connection, "SELECT COUNT(*) FROM \"AuditEntries\""),
            searchMatches,
            sampleUserId,
            elapsed,
            target.DatabaseBytes(connection));
    }

    /// <summary>Reads the sample user back through the portal's model: ids, times and states must be as EF writes them.</summary>
    private static async Task ReadBackAsync(SeedTarget target, Guid userId)
    {
        await using var db = target.NewContext();
        var user = await db.Users.AsNoTracking().Include(u => u.Connections).SingleOrDefaultAsync(u => u.Id == userId);

        // A user's first connection is made at the user's creation time; PostgreSQL keeps timestamps to the
        // microsecond (10 ticks), while the user's times are stored as ticks.
        var precision = TimeSpan.FromMicroseconds(1);
        if (user is null || user.Connections.Count == 0 || user.LastSignInAt < user.CreatedAt
            || user.Connections.Exists(c => c.ConnectedAt + precision < user.CreatedAt || c.UserId != user.Id))
        {
            throw new BenchmarkFailedException($"The portal's model does not read back seeded user {userId} as it was written.");
        }
    }

    private static long Count(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>One engine's database: how to reach it, and how it takes many rows at once.</summary>
    private abstract class SeedTarget
    {
        public abstract string Engine { get; }

        /// <summary>The database as an error message names it.</summary>
        public abstract string Name { get; }

        public abstract PortalDbContext NewContext();

        public abstract Task<DbConnection> OpenAsync();

        public abstract Task<SeedWriter> BeginWritingAsync(DbConnection connection);

        public abstract long DatabaseBytes(DbConnection connection);
    }

    /// <summary>Takes the seeded rows in the order they are made and writes them in one transaction.</summary>
    private abstract class SeedWriter : IAsyncDisposable
    {
        /// <summary>A user with their connections.</summary>
        public abstract ValueTask AddAsync(PortalUser user);

        public abstract ValueTask AddAsync(IEnumerable<AuditEntry> entries);

        public abstract Task CommitAsync();

        public abstract ValueTask DisposeAsync();
    }

    private sealed class SqliteSeedTarget(string databasePath) : SeedTarget
    {
        private readonly string _connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString();

        public override string Engine => "SQLite";

        public override string Name => databasePath;

        public override PortalDbContext NewContext() =>
            new(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite(_connectionString).Options);

        public override async Task<DbConnection> OpenAsync()
        {
            var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync();
            return connection;
        }

        public override Task<SeedWriter> BeginWritingAsync(DbConnection connection) =>
            Task.FromResult<SeedWriter>(new SqliteSeedWriter((SqliteConnection)connection));

        public override long DatabaseBytes(DbConnection connection) => new FileInfo(databasePath).Length;
    }

    private sealed class SqliteSeedWriter : SeedWriter
    {
        private readonly SqliteTransaction _transaction;
        private readonly SqliteCommand _insertUser;
        private readonly SqliteCommand _insertConnection;
        private readonly SqliteCommand _insertAuditEntry;

        public SqliteSeedWriter(SqliteConnection connection)
        {
            // Room for the indexes' pages while random ids are inserted into them.
            Execute(connection, "PRAGMA cache_size = -131072");
            Execute(connection, "PRAGMA synchronous = OFF");
            _transaction = connection.BeginTransaction();
            _insertUser = Prepare(connection, _transaction, "Users",
                "Id", "DisplayName", "NormalizedDisplayName", "Email", "NormalizedEmail", "CreatedAt", "LastSignInAt", "IsAdmin");
            _insertConnection = Prepare(connection, _transaction, "ProviderConnections",
                "Id", "UserId", "Provider", "ProviderUserId", "ProtectedAccessToken", "ProtectedRefreshToken", "AccessTokenExpiresAt", "Scope",
                "Status", "ConnectedAt", "LastRefreshedAt", "LastRefreshAttemptAt", "LastRefreshOutcome", "ReconnectReason", "Version");
            _insertAuditEntry = Prepare(connection, _transaction, "AuditEntries",
                "At", "Action", "ActorUserId", "ActorName", "SubjectUserId", "SubjectName", "Provider", "ExternalUserId", "Detail", "ClientIp");
        }

        public override ValueTask AddAsync(PortalUser user)
        {
            Insert(_insertUser, Text(user.Id), user.DisplayName, user.NormalizedDisplayName, user.Email, user.NormalizedEmail,
                user.CreatedAt.UtcTicks, user.LastSignInAt.UtcTicks, user.IsAdmin ? 1 : 0);
            foreach (var c in user.Connections)
            {
                Insert(_insertConnection, Text(c.Id), Text(c.UserId), c.Provider, c.ProviderUserId, c.ProtectedAccessToken, c.ProtectedRefreshToken,
                    c.AccessTokenExpiresAt, c.Scope, c.Status.ToString(), c.ConnectedAt, c.LastRefreshedAt, c.LastRefreshAttemptAt,
                    c.LastRefreshOutcome, c.ReconnectReason, Text(c.Version));
            }

            return ValueTask.CompletedTask;
        }

        public override ValueTask AddAsync(IEnumerable<AuditEntry> entries)
        {
            foreach (var e in entries)
            {
                Insert(_insertAuditEntry, e.At.UtcTicks, e.Action.ToString(), Text(e.ActorUserId), e.ActorName, Text(e.SubjectUserId), e.SubjectName,
                    e.Provider, e.ExternalUserId, e.Detail, e.ClientIp);
            }

            return ValueTask.CompletedTask;
        }

        public override Task CommitAsync() => _transaction.CommitAsync();

        public override async ValueTask DisposeAsync()
        {
            await _insertUser.DisposeAsync();
            await _insertConnection.DisposeAsync();
            await _insertAuditEntry.DisposeAsync();
            await _transaction.DisposeAsync();
        }

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

        private static void Execute(SqliteConnection connection, string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }

    private sealed class PostgreSqlSeedTarget(string connectionString) : SeedTarget
    {
        public override string Engine => "PostgreSQL";

        public override string Name => $"PostgreSQL database {new NpgsqlConnectionStringBuilder(connectionString).Database}";

        public override PortalDbContext NewContext() =>
            new PostgreSqlPortalDbContext(new DbContextOptionsBuilder<PostgreSqlPortalDbContext>().UseNpgsql(connectionString).Options);

        public override async Task<DbConnection> OpenAsync()
        {
            var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            return connection;
        }

        public override async Task<SeedWriter> BeginWritingAsync(DbConnection connection) =>
            new PostgreSqlSeedWriter((NpgsqlConnection)connection, await ((NpgsqlConnection)connection).BeginTransactionAsync());

        public override long DatabaseBytes(DbConnection connection) => Count(connection, "SELECT pg_database_size(current_database())");
    }

    /// <summary>
    /// Binary COPY, in chunks of users and then their connections: a connection's row must follow its user's, and one
    /// connection runs one COPY at a time.
    /// </summary>
    private sealed class PostgreSqlSeedWriter(NpgsqlConnection connection, NpgsqlTransaction transaction) : SeedWriter
    {
        private const int UsersPerChunk = 5_000;

        private readonly List<PortalUser> _chunk = new(UsersPerChunk);

        public override async ValueTask AddAsync(PortalUser user)
        {
            _chunk.Add(user);
            if (_chunk.Count == UsersPerChunk)
            {
                await FlushAsync();
            }
        }

        public override async ValueTask AddAsync(IEnumerable<AuditEntry> entries)
        {
            await FlushAsync();
            await using var copy = await connection.BeginBinaryImportAsync(
                "COPY \"AuditEntries\" (\"At\", \"Action\", \"ActorUserId\", \"ActorName\", \"SubjectUserId\", \"SubjectName\", \"Provider\", \"ExternalUserId\", \"Detail\", \"ClientIp\") FROM STDIN (FORMAT BINARY)");
            foreach (var e in entries)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(e.At.UtcTicks, NpgsqlDbType.Bigint);
                await copy.WriteAsync(e.Action.ToString(), NpgsqlDbType.Varchar);
                await WriteAsync(copy, e.ActorUserId, NpgsqlDbType.Uuid);
                await WriteAsync(copy, e.ActorName, NpgsqlDbType.Varchar);
                await WriteAsync(copy, e.SubjectUserId, NpgsqlDbType.Uuid);
                await WriteAsync(copy, e.SubjectName, NpgsqlDbType.Varchar);
                await WriteAsync(copy, e.Provider, NpgsqlDbType.Varchar);
                await WriteAsync(copy, e.ExternalUserId, NpgsqlDbType.Varchar);
                await WriteAsync(copy, e.Detail, NpgsqlDbType.Varchar);
                await WriteAsync(copy, e.ClientIp, NpgsqlDbType.Varchar);
            }

            await copy.CompleteAsync();
        }

        public override async Task CommitAsync()
        {
            await FlushAsync();
            await transaction.CommitAsync();
        }

        public override ValueTask DisposeAsync() => transaction.DisposeAsync();

        private async Task FlushAsync()
        {
            if (_chunk.Count == 0)
            {
                return;
            }

            await using (var users = await connection.BeginBinaryImportAsync(
                "COPY \"Users\" (\"Id\", \"DisplayName\", \"NormalizedDisplayName\", \"Email\", \"NormalizedEmail\", \"CreatedAt\", \"LastSignInAt\", \"IsAdmin\") FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var user in _chunk)
                {
                    await users.StartRowAsync();
                    await users.WriteAsync(user.Id, NpgsqlDbType.Uuid);
                    await users.WriteAsync(user.DisplayName, NpgsqlDbType.Varchar);
                    await users.WriteAsync(user.NormalizedDisplayName, NpgsqlDbType.Varchar);
                    await WriteAsync(users, user.Email, NpgsqlDbType.Varchar);
                    await WriteAsync(users, user.NormalizedEmail, NpgsqlDbType.Varchar);
                    await users.WriteAsync(user.CreatedAt.UtcTicks, NpgsqlDbType.Bigint);
                    await users.WriteAsync(user.LastSignInAt.UtcTicks, NpgsqlDbType.Bigint);
                    await users.WriteAsync(user.IsAdmin, NpgsqlDbType.Boolean);
                }

                await users.CompleteAsync();
            }

            await using (var connections = await connection.BeginBinaryImportAsync(
                "COPY \"ProviderConnections\" (\"Id\", \"UserId\", \"Provider\", \"ProviderUserId\", \"ProtectedAccessToken\", \"ProtectedRefreshToken\", \"AccessTokenExpiresAt\", \"Scope\", " +
                "\"Status\", \"ConnectedAt\", \"LastRefreshedAt\", \"LastRefreshAttemptAt\", \"LastRefreshOutcome\", \"ReconnectReason\", \"Version\") FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var c in _chunk.SelectMany(user => user.Connections))
                {
                    await connections.StartRowAsync();
                    await connections.WriteAsync(c.Id, NpgsqlDbType.Uuid);
                    await connections.WriteAsync(c.UserId, NpgsqlDbType.Uuid);
                    await connections.WriteAsync(c.Provider, NpgsqlDbType.Varchar);
                    await connections.WriteAsync(c.ProviderUserId, NpgsqlDbType.Varchar);
                    await WriteAsync(connections, c.ProtectedAccessToken, NpgsqlDbType.Text);
                    await WriteAsync(connections, c.ProtectedRefreshToken, NpgsqlDbType.Text);
                    await WriteAsync(connections, c.AccessTokenExpiresAt, NpgsqlDbType.TimestampTz);
                    await WriteAsync(connections, c.Scope, NpgsqlDbType.Varchar);
                    await connections.WriteAsync(c.Status.ToString(), NpgsqlDbType.Varchar);
                    await connections.WriteAsync(c.ConnectedAt, NpgsqlDbType.TimestampTz);
                    await WriteAsync(connections, c.LastRefreshedAt, NpgsqlDbType.TimestampTz);
                    await WriteAsync(connections, c.LastRefreshAttemptAt, NpgsqlDbType.TimestampTz);
                    await WriteAsync(connections, c.LastRefreshOutcome, NpgsqlDbType.Varchar);
                    await WriteAsync(connections, c.ReconnectReason, NpgsqlDbType.Varchar);
                    await connections.WriteAsync(c.Version, NpgsqlDbType.Uuid);
                }

                await connections.CompleteAsync();
            }

            _chunk.Clear();
        }

        private static Task WriteAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type) where T : class =>
            value is null ? copy.WriteNullAsync() : copy.WriteAsync(value, type);

        private static Task WriteAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type) where T : struct =>
            value is { } present ? copy.WriteAsync(present, type) : copy.WriteNullAsync();
    }
}

/// <summary>What a seeded database holds, as counted in it after the seeding.</summary>
/// <param name="UsersWithBoth">Users with a KlasCement and a MyOrganizer connection.</param>
/// <param name="MyOrganizerNeedsReconnect">Users whose MyOrganizer connection needs a reconnect: what the measured filter lists.</param>
/// <param name="SearchMatches">Users whose name or e-mail starts with <see cref="AdminSeed.SearchQuery"/>.</param>
/// <param name="SampleUserId">A user with both connections, one of which needs a reconnect (with very few users, the first one): the measured details page.</param>
/// <param name="Elapsed">Migrations, inserts and commit, before the counting.</param>
/// <param name="Engine">SQLite or PostgreSQL.</param>
/// <param name="DatabaseBytes">The database file's size on SQLite, <c>pg_database_size</c> on PostgreSQL.</param>
internal sealed record AdminSeedResult(
    string Engine,
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
        $"seeded in {Elapsed.TotalSeconds:0.0} s; {(Engine == "SQLite" ? "the database file is" : "the database takes")} {DatabaseMiB:N1} MiB.";
}
