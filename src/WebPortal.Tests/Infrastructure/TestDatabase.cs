using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using WebPortal.Data;

namespace WebPortal.Tests.Infrastructure;

/// <summary>
/// A database of one test's own, on the engine this test assembly runs against: SQLite files in WebPortal.Tests, and
/// databases on the tests' PostgreSQL server (<see cref="PostgreSqlServer"/>) in WebPortal.Tests.PostgreSql, which
/// compiles these same tests with <c>ON_POSTGRESQL</c>.
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
#if ON_POSTGRESQL
    public const string Provider = DatabaseOptions.PostgreSql;
#else
    public const string Provider = DatabaseOptions.Sqlite;
#endif

    public static bool IsPostgreSql => Provider == DatabaseOptions.PostgreSql;

    public abstract string ConnectionString { get; }

    /// <summary><c>Database:Provider</c> for this database.</summary>
    protected abstract string ProviderName { get; }

    /// <summary>The portal's configuration for this database.</summary>
    public IReadOnlyDictionary<string, string?> PortalSettings => new Dictionary<string, string?>
    {
        [$"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}"] = ProviderName,
        [$"ConnectionStrings:{DataExtensions.ConnectionStringName}"] = ConnectionString,
    };

    /// <summary>A new, empty database.</summary>
    public static TestDatabase Create() =>
        IsPostgreSql
            ? PostgreSqlTestDatabase.CreateAsync().GetAwaiter().GetResult()
            : new SqliteTestDatabase(Path.Combine(Path.GetTempPath(), $"webportal-tests-{Guid.NewGuid():N}.db"));

    /// <summary>
    /// A new, empty database on a cluster of the test's own, which the test may stop and start again; it goes with the
    /// cluster, so that disposing it needs no server (the test may end while the server is stopped).
    /// </summary>
    public static async Task<TestDatabase> CreateOnAsync(DedicatedPostgreSqlServer dedicated) =>
        new PostgreSqlTestDatabase(dedicated.Server, await dedicated.Server.CreateDatabaseAsync("webportal_tests"), dropWhenDisposed: false);

    /// <summary>The SQLite file at <paramref name="path"/>, whatever this assembly runs against; deleted when disposed.</summary>
    public static TestDatabase SqliteFile(string path) => new SqliteTestDatabase(path);

    /// <summary>A context on this database as the portal configures it (without the portal's services).</summary>
    public abstract PortalDbContext OpenContext();

    /// <summary>Whether the text is stored anywhere in the database as it is, in any table.</summary>
    public abstract Task<bool> ContainsAsync(string text);

    public abstract ValueTask DisposeAsync();

    private sealed class SqliteTestDatabase(string path) : TestDatabase
    {
        private readonly string _path = path;

        public override string ConnectionString => new SqliteConnectionStringBuilder { DataSource = _path }.ToString();

        protected override string ProviderName => DatabaseOptions.Sqlite;

        public override PortalDbContext OpenContext() =>
            new(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite(ConnectionString).Options);

        public override Task<bool> ContainsAsync(string text) => Task.FromResult(DatabaseFiles.Read(_path).Contain(text));

        public override ValueTask DisposeAsync()
        {
            PortalFactory.DeleteDatabase(_path);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class PostgreSqlTestDatabase(PostgreSqlServer server, string name, bool dropWhenDisposed = true) : TestDatabase
    {
        public override string ConnectionString => server.ConnectionStringFor(name);

        protected override string ProviderName => DatabaseOptions.PostgreSql;

        public override PortalDbContext OpenContext() =>
            new PostgreSqlPortalDbContext(new DbContextOptionsBuilder<PostgreSqlPortalDbContext>().UseNpgsql(ConnectionString).Options);

        public static async Task<TestDatabase> CreateAsync()
        {
            var server = await PostgreSqlServer.GetAsync();
            return new PostgreSqlTestDatabase(server, await server.CreateDatabaseAsync("webportal_tests"));
        }

        /// <summary>Every row of every table of the portal, as PostgreSQL writes the row out as text.</summary>
        public override async Task<bool> ContainsAsync(string text)
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            var tables = new List<string>();
            await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", connection))
            await using (var reader = await list.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            foreach (var table in tables)
            {
                await using var search = new NpgsqlCommand($"""SELECT EXISTS (SELECT 1 FROM "{table}" t WHERE strpos(t::text, @text) > 0)""", connection);
                search.Parameters.AddWithValue("text", text);
                if ((bool)(await search.ExecuteScalarAsync())!)
                {
                    return true;
                }
            }

            return false;
        }

        public override async ValueTask DisposeAsync()
        {
            if (dropWhenDisposed)
            {
                await server.DropDatabaseAsync(name);
            }
        }
    }
}
