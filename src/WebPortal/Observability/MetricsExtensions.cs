using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace WebPortal.Observability;

public static class MetricsExtensions
{
    /// <summary>
    /// Records the portal's metrics (<see cref="PortalMetrics"/>; the provider clients time their calls into it), and with
    /// <c>Metrics:Enabled</c> exports them with ASP.NET Core's and .NET's own through OpenTelemetry for Prometheus.
    /// </summary>
    public static WebApplicationBuilder AddPortalMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricsOptions>()
            .BindConfiguration(MetricsOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddMetrics();
        builder.Services.AddSingleton<PortalMetrics>();

        if (builder.Configuration.GetValue<bool>($"{MetricsOptions.Section}:{nameof(MetricsOptions.Enabled)}"))
        {
            builder.Services.AddHostedService<ActiveSessionsCounter>();
            builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
                .AddMeter(PortalMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime")
                .AddPrometheusExporter());
        }

        return builder;
    }

    /// <summary><c>/metrics</c>, for a scraper that sends <c>Authorization: Bearer {Metrics:ScrapeToken}</c>; not there at all when off.</summary>
    public static WebApplication MapPortalMetrics(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (options.Enabled)
        {
            var expected = SHA256.HashData(Encoding.UTF8.GetBytes(options.ScrapeToken!));
            app.MapPrometheusScrapingEndpoint(MetricsOptions.Path, meterProvider: null, configureBranchedPipeline: branch => branch.Use((context, next) =>
                HasScrapeToken(context.Request, expected) ? next(context) : Refuse(context)), optionsName: null);
        }

        return app;
    }

    private static bool HasScrapeToken(HttpRequest request, byte[] expected)
    {
        var header = request.Headers.Authorization.ToString();
        const string Bearer = "Bearer ";
        if (!header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Hashes of equal length, compared in constant time: the answer's timing tells nothing of the token.
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(header[Bearer.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    private static Task Refuse(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        context.Response.Headers.CacheControl = "no-store";
        return Task.CompletedTask;
    }
}
