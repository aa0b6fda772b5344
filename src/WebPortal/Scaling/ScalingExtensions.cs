using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WebPortal.Hosting;

namespace WebPortal.Scaling;

public static class ScalingExtensions
{
    /// <summary>The <see cref="IDistributedCache"/> that every instance shares (keyed, so that HybridCache keeps to this process's memory).</summary>
    public const string SharedCache = "Shared";

    /// <summary>
    /// What several instances share besides the database. With <c>Redis:Configuration</c>: one Redis connection for
    /// the shared cache and for telling the other instances what their caches must forget, and Redis in readiness.
    /// Without it: this process's memory, and no other instance.
    /// </summary>
    public static WebApplicationBuilder AddPortalScaling(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RedisOptions>()
            .BindConfiguration(RedisOptions.Section)
            .ValidateDataAnnotations()
            .Validate(redis => !redis.IsConfigured || CanParse(redis.Configuration!), "Redis:Configuration is not a StackExchange.Redis configuration string.")
            .ValidateOnStart();

        var redis = builder.Configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        if (redis.IsConfigured && CanParse(redis.Configuration!))
        {
            AddRedis(builder.Services);
        }
        else
        {
            builder.Services.AddSingleton<IPeerInstances, NoPeerInstances>();
            builder.Services.AddKeyedSingleton<IDistributedCache>(SharedCache, (services, _) => new MemoryDistributedCache(
                Options.Create(new MemoryDistributedCacheOptions())));
        }

        return builder;
    }

    private static void AddRedis(IServiceCollection services)
    {
        services.AddSingleton<IConnectionMultiplexer>(provider =>
        {
            var configuration = ConfigurationOptions.Parse(provider.GetRequiredService<IOptions<RedisOptions>>().Value.Configuration!);

            // Start even while Redis is down, and keep trying: readiness says so meanwhile, and the caches are
            // bypassed, rather than the process refusing to start.
            configuration.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(configuration);
        });
        services.AddKeyedSingleton<IDistributedCache>(SharedCache, (provider, _) =>
        {
            var redis = provider.GetRequiredService<IOptions<RedisOptions>>().Value;
            var connection = provider.GetRequiredService<IConnectionMultiplexer>();
            return new RedisCache(Options.Create(new RedisCacheOptions
            {
                InstanceName = redis.KeyPrefix,
                ConnectionMultiplexerFactory = () => Task.FromResult(connection),
            }));
        });
        services.AddSingleton<RedisPeerInstances>();
        services.AddSingleton<IPeerInstances>(provider => provider.GetRequiredService<RedisPeerInstances>());
        services.AddHostedService<RedisInvalidationListener>();
        services.AddHealthChecks().AddRedis(
            provider => provider.GetRequiredService<IConnectionMultiplexer>(),
            name: "redis",
            tags: [HealthTags.Ready],
            timeout: TimeSpan.FromSeconds(5));
    }

    private static bool CanParse(string configuration)
    {
        try
        {
            ConfigurationOptions.Parse(configuration);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
