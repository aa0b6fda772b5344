using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace WebPortal.Integrations.Http;

public static class ProviderHttpExtensions
{
    private static readonly string UserAgent = $"WebPortal/{typeof(ProviderHttpExtensions).Assembly.GetName().Version?.ToString(3)}";

    /// <summary>Every HttpClient of the portal logs through <see cref="RedactingHttpClientLogger"/> only.</summary>
    public static IServiceCollection AddRedactedHttpClientLogging(this IServiceCollection services)
    {
        services.AddOptions<ProviderHttpOptions>()
            .BindConfiguration(ProviderHttpOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton<RedactingHttpClientLogger>();
        services.ConfigureHttpClientDefaults(client => client
            .RemoveAllLoggers()
            .AddLogger<RedactingHttpClientLogger>());
        return services;
    }

    /// <summary>A client for token requests: one attempt, bounded by <see cref="ProviderHttpOptions.Timeout"/>, never retried.</summary>
    public static IHttpClientBuilder AddTokenEndpointResilience(this IHttpClientBuilder client)
    {
        client.ConfigureHttpClient(ConfigureClient);

        // An authentication handler keeps its backchannel client for the life of the app, so the factory never rotates
        // its handler: recycling pooled connections is what lets it follow a provider's DNS changes.
        client.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        client.AddResilienceHandler($"{client.Name}.timeout", (pipeline, context) =>
            pipeline.AddTimeout(context.ServiceProvider.GetRequiredService<IOptions<ProviderHttpOptions>>().Value.Timeout));
        return client;
    }

    /// <summary>Resilience for API reads: a timeout per attempt, and retries of GETs only.</summary>
    public static IHttpClientBuilder AddApiResilience(this IHttpClientBuilder client)
    {
        client.ConfigureHttpClient(ConfigureClient);
        client.AddStandardResilienceHandler().Configure((HttpStandardResilienceOptions resilience, IServiceProvider services) =>
            {
                var options = services.GetRequiredService<IOptions<ProviderHttpOptions>>().Value;
                resilience.AttemptTimeout.Timeout = options.Timeout;
                resilience.Retry.MaxRetryAttempts = Math.Max(options.GetRetries, 1);
                resilience.Retry.Delay = TimeSpan.FromMilliseconds(200);
                resilience.Retry.ShouldHandle = options.GetRetries == 0 ? _ => PredicateResult.False() : resilience.Retry.ShouldHandle;
                resilience.Retry.DisableForUnsafeHttpMethods();
                resilience.TotalRequestTimeout.Timeout = (options.Timeout * (options.GetRetries + 1)) + TimeSpan.FromSeconds(1 + options.GetRetries);
                resilience.CircuitBreaker.SamplingDuration = options.Timeout * 2 > TimeSpan.FromSeconds(30) ? options.Timeout * 2 : TimeSpan.FromSeconds(30);
            });
        return client;
    }

    private static void ConfigureClient(HttpClient client)
    {
        // Resilience pipelines bound every call; HttpClient's own 100 s default would only get in their way.
        client.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
        client.MaxResponseContentBufferSize = 1024 * 1024;
        client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
    }
}
