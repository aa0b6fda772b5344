using Medallion.Threading;
using Medallion.Threading.Postgres;
using WebPortal.Data;

namespace WebPortal.Scaling;

public static class ScalingExtensions
{
    /// <summary>
    /// What several instances share besides the database: on PostgreSQL, the refresh locks are the database's advisory
    /// locks (a lock's holder that dies loses its connection, and with it the lock). On SQLite there is one instance
    /// and nothing to share.
    /// </summary>
    public static WebApplicationBuilder AddPortalScaling(this WebApplicationBuilder builder)
    {
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (database.IsPostgreSql && builder.Configuration.GetConnectionString(DataExtensions.ConnectionStringName) is { Length: > 0 } connectionString)
        {
            builder.Services.AddSingleton<IDistributedLockProvider>(new PostgresDistributedSynchronizationProvider(connectionString));
        }

        return builder;
    }
}
