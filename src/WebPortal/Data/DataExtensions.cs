using Medallion.Threading;
using Medallion.Threading.Postgres;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using WebPortal.Data.KeyRing;
using WebPortal.Scaling;

namespace WebPortal.Data;

public static class DataExtensions
{
    public const string ConnectionStringName = "Portal";

    private const string DefaultSqliteConnectionString = "Data Source=App_Data/webportal.db";

    /// <summary>
    /// Registers the portal database (SQLite by default, or PostgreSQL: <see cref="DatabaseOptions"/>) and keeps the
    /// Data Protection key ring in it, so that a restart, or a second instance on the same database, can still read
    /// cookies and stored tokens.
    /// </summary>
    public static WebApplicationBuilder AddPortalData(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section)
            .ValidateDataAnnotations()
            .Validate(
                database => !database.IsPostgreSql || !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(ConnectionStringName)),
                $"ConnectionStrings:{ConnectionStringName} must name the PostgreSQL database when Database:Provider is PostgreSQL.")
            .ValidateOnStart();

        // Read now, since the context type depends on it; an unknown provider falls back to SQLite here and stops
        // start-up in the validation above, before anything touches a database.
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);

        // Pooled: a pooled context is reset rather than built anew for each request that reads the database.
        if (database.IsPostgreSql)
        {
            builder.Services.AddDbContextPool<PortalDbContext, PostgreSqlPortalDbContext>(options => options.UseNpgsql(connectionString));

            // Several instances share this database: their refresh locks are its advisory locks, which a holder that
            // dies loses with its connection. On SQLite there is one instance, and no lock to share.
            if (!string.IsNullOrWhiteSpace(connectionString))
            {
                builder.Services.AddSingleton<IDistributedLockProvider>(new PostgresDistributedSynchronizationProvider(connectionString));
            }
        }
        else
        {
            var sqlite = ResolveSqliteConnectionString(connectionString ?? DefaultSqliteConnectionString, builder.Environment.ContentRootPath);
            builder.Services.AddDbContextPool<PortalDbContext>(options => options.UseSqlite(sqlite));
        }

        // Signed-in pages' reads of users and connections, and the sessions, are cached: HybridCache is the one cache.
        builder.Services.AddHybridCache();
        builder.Services.AddOutputCache();
        builder.Services.AddSingleton<UserCache>();
        builder.Services.AddSingleton<ILocalCache>(services => services.GetRequiredService<UserCache>());

        // AES-256-GCM rather than the default AES-256-CBC with HMACSHA256: one authenticated pass instead of two, for the
        // anti-forgery tokens of every page view and the tokens at rest. Keys made before keep their own algorithm and
        // stay readable; each new key (at the latest when the current one is renewed, after 90 days) uses GCM.
        var dataProtection = builder.Services.AddDataProtection()
            .SetApplicationName("WebPortal")
            .PersistKeysToDbContext<PortalDbContext>()
            .UseCryptographicAlgorithms(new AuthenticatedEncryptorConfiguration { EncryptionAlgorithm = EncryptionAlgorithm.AES_256_GCM });
        builder.AddKeyRingProtection(dataProtection);

        return builder;
    }

    /// <summary>
    /// Applies pending migrations before the first request; the schema is never created any other way. EF Core takes
    /// a database lock around them, so that an instance starting meanwhile waits and then finds nothing left to apply.
    /// </summary>
    public static async Task MigratePortalDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        if (db.Database.IsNpgsql())
        {
            await CreatePostgreSqlHistoryTableAsync(db);
        }

        await db.Database.MigrateAsync();

        if (db.Database.IsSqlite())
        {
            // Write-ahead logging lets profile reads go on while a token refresh writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
    }

    /// <summary>
    /// Npgsql's migrator reads the history table before it creates it and logs the expected "does not exist" as an
    /// error (npgsql/efcore.pg#3407), on every fresh database. EF Core's own create-if-missing script first, under an
    /// advisory lock, so that instances starting together do not race to create it.
    /// </summary>
    private static async Task CreatePostgreSqlHistoryTableAsync(PortalDbContext db)
    {
        const long HistoryTableLock = 0x57_65_62_50_6F_72_74; // "WebPort"
        var createIfMissing = db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({HistoryTableLock})");
        await db.Database.ExecuteSqlRawAsync(createIfMissing);
        await transaction.CommitAsync();
    }

    private static string ResolveSqliteConnectionString(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:")
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }

        return builder.ToString();
    }
}
