using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace WebPortal.Data;

public static class DataExtensions
{
    private const string ConnectionStringName = "Portal";

    /// <summary>
    /// Registers the portal database (SQLite by default) and keeps the Data Protection key ring in it,
    /// so that a restart, or a second instance on the same database, can still read cookies and stored tokens.
    /// </summary>
    public static WebApplicationBuilder AddPortalData(this WebApplicationBuilder builder)
    {
        var connectionString = ResolveSqliteConnectionString(
            builder.Configuration.GetConnectionString(ConnectionStringName) ?? "Data Source=App_Data/webportal.db",
            builder.Environment.ContentRootPath);

        // Pooled: every signed-in request reads its user row, and a pooled context is reset rather than built anew.
        builder.Services.AddDbContextPool<PortalDbContext>(options => options.UseSqlite(connectionString));

        // Signed-in pages' reads of users and connections, and the sessions, are cached: HybridCache is the one cache.
        builder.Services.AddHybridCache();
        builder.Services.AddOutputCache();
        builder.Services.AddSingleton<UserCache>();

        builder.Services.AddDataProtection()
            .SetApplicationName("WebPortal")
            .PersistKeysToDbContext<PortalDbContext>();

        return builder;
    }

    /// <summary>Applies pending migrations before the first request; the schema is never created any other way.</summary>
    public static async Task MigratePortalDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await db.Database.MigrateAsync();

        if (db.Database.IsSqlite())
        {
            // Write-ahead logging lets profile reads go on while a token refresh writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
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
