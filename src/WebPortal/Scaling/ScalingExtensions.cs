using Medallion.Threading;
using Medallion.Threading.Postgres;
using Medallion.Threading.Redis;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using StackExchange.Redis;
using WebPortal.Data;

namespace WebPortal.Scaling;

public static class ScalingExtensions
{
    /// <summary>
    /// What several instances share besides the database: with <c>Redis:Configuration</c>, one Redis connection for the
    /// distributed cache (HybridCache's second level) and the refresh locks; on PostgreSQL without Redis, the refresh
    /// locks are the database's advisory locks. On SQLite without Redis there is one instance and nothing to share.
    /// </summary>
    public static WebApplicationBuilder AddPortalScaling(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RedisOptions>()
            .BindConfiguration(RedisOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var redis = builder.Configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (redis.IsConfigured)
        {
            AddRedis(builder.Services, redis);
        }
        else if (database.IsPostgreSql && builder.Configuration.GetConnectionString(DataExtensions.ConnectionStringName) is { Length: > 0 } connectionString)
        {
            builder.Services.AddSingleton<IDistributedLockProvider>(new PostgresDistributedSynchronizationProvider(connectionString));
        }

        return builder;
    }

    private static void AddRedis(IServiceCollection services, RedisOptions redis)
    {
        var configuration = ConfigurationOptions.Parse(redis.Configuration!);

        // Start even while Redis is down, and keep trying: readiness says so meanwhile, and the pages that need it fail
        // with an error page rather than the process refusing to start.
        configuration.AbortOnConnectFail = false;
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(configuration));
        services.AddStackExchangeRedisCache(cache => cache.InstanceName = redis.KeyPrefix);
        services.AddOptions<RedisCacheOptions>()
            .Configure<IConnectionMultiplexer>((cache, connection) => cache.ConnectionMultiplexerFactory = () => Task.FromResult(connection));
        services.AddSingleton<IDistributedLockProvider>(provider => new RedisDistributedSynchronizationProvider(
            provider.GetRequiredService<IConnectionMultiplexer>().GetDatabase(),
            options => options.Expiry(redis.LockExpiry).ExtensionCadence(redis.LockExpiry / 3)));
    }
}
