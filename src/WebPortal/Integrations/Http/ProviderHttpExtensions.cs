using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace WebPortal.Integrations.Http;

public static class ProviderHttpExtensions
{
    private static readonly string UserAgent = $"WebPortal/{typeof(ProviderHttpExtensions).Assembly.GetName().Version?.ToString(3)}";

    /// <summary>
    /// Every HttpClient of the portal (all of them talk to providers) logs through <see cref="RedactingHttpClientLogger"/>
    /// only, never follows a redirect, and hands its callers error answers reduced to validated codes.
    /// </summary>
    public static IServiceCollection AddRedactedHttpClientLogging(this IServiceCollection services)
    {
        services.AddOptions<ProviderHttpOptions>()
            .BindConfiguration(ProviderHttpOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddHttpContextAccessor();
        services.AddSingleton<RedactingHttpClientLogger>();
        services.AddTransient<RedirectRefusingHandler>();
        services.AddTransient<ErrorAnswerReducingHandler>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IHttpMessageHandlerBuilderFilter, UpstreamMetricsFilter>();

        // Defaults are applied before each client's own configuration, so these two handlers are the outermost:
        // callers, resilience included, never see a redirect or an unreduced error answer.
        services.ConfigureHttpClientDefaults(client => client
            .RemoveAllLoggers()
            .AddLogger<RedactingHttpClientLogger>()
            .ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler)
            .AddHttpMessageHandler<RedirectRefusingHandler>()
            .AddHttpMessageHandler<ErrorAnswerReducingHandler>());
        return services;
    }

    /// <summary>A client for token requests: one attempt, bounded by <see cref="ProviderHttpOptions.Timeout"/>, never retried.</summary>
    public static IHttpClientBuilder AddTokenEndpointResilience(this IHttpClientBuilder client)
    {
        client.ConfigureHttpClient(ConfigureClient);
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

    private static SocketsHttpHandler CreatePrimaryHandler() => new()
    {
        // A redirect would re-send a token request's form (refresh token, code, client secret) or an API call to
        // wherever it points; RedirectRefusingHandler turns it into an upstream failure instead.
        AllowAutoRedirect = false,

        // An authentication handler keeps its backchannel client for the life of the app, so the factory never rotates
        // its handler: recycling pooled connections is what lets it follow a provider's DNS changes.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    private static void ConfigureClient(HttpClient client)
    {
        // Resilience pipelines bound every call; HttpClient's own 100 s default would only get in their way.
        client.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
        client.MaxResponseContentBufferSize = 1024 * 1024;
        client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
    }
}
