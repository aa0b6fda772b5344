using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using WebPortal.Providers;

namespace WebPortal.Infrastructure.Web;

/// <summary>
/// The framework's rate limiter on sign-in starts and provider callbacks, per client address. The callbacks are
/// answered by the authentication middleware, not by endpoints, so the limiter is a global one placed before it
/// that limits only <see cref="LimitedPaths"/> and lets everything else through.
/// </summary>
public static class RateLimitingExtensions
{
    public static WebApplicationBuilder AddPortalRateLimiting(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitingSettings>().BindConfiguration(RateLimitingSettings.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RateLimitingSettings>, RateLimitingSettingsValidator>();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>()
            .Configure<IOptions<RateLimitingSettings>, IServiceProvider>((options, settings, services) =>
            {
                var limited = LimitedPaths(services);
                var limiterOptions = new FixedWindowRateLimiterOptions
                {
                    PermitLimit = settings.Value.SignInPermitLimit,
                    Window = settings.Value.Window,
                    QueueLimit = 0,
                };
                options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    limited.Exists(path => context.Request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase))
                        ? RateLimitPartition.GetFixedWindowLimiter(ClientPartition(context.Connection.RemoteIpAddress), _ => limiterOptions)
                        : RateLimitPartition.GetNoLimiter(string.Empty));
                options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;

                // No body: the status code page (the portal's error page) explains the 429.
                options.OnRejected = (context, _) =>
                {
                    if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    {
                        context.HttpContext.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                    }

                    return ValueTask.CompletedTask;
                };
            });
        return builder;
    }

    /// <summary>Limits the sign-in paths, when on; after the forwarded headers (the client's address) and before authentication (the callbacks).</summary>
    public static WebApplication UsePortalRateLimiting(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<RateLimitingSettings>>().Value.Enabled ?? !app.Environment.IsDevelopment())
        {
            app.UseRateLimiter();
        }

        return app;
    }

    /// <summary>Sign-in starts and every provider's callback: what anyone can call without a session. The admin pages need an admin's session and are not limited.</summary>
    private static List<PathString> LimitedPaths(IServiceProvider services) =>
        ["/account/signin", .. ProviderModules.EnabledSignInAddresses(services).Select(addresses => addresses.CallbackPath)];

    /// <summary>One partition per IPv4 address, and per /64 for IPv6, where one client usually holds the whole /64.</summary>
    internal static string ClientPartition(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}
