using System.Net;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace WebPortal.Infrastructure.Web;

/// <summary>
/// Which host names the portal answers for, and which proxies it believes about the client. The OAuth handlers
/// build redirect_uri from the request's scheme and host, so a spoofed <c>Host</c> or <c>X-Forwarded-*</c> header
/// must never reach them.
/// </summary>
public static class HostExtensions
{
    public const string AllowedHostsKey = "AllowedHosts";

    /// <summary>The framework's own switch (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>), which on its own would believe every peer.</summary>
    private const string FrameworkForwardedHeadersSwitch = "ForwardedHeaders_Enabled";

    public static WebApplicationBuilder AddPortalHosts(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();

        // The framework's host filter reads AllowedHosts and treats an empty value as '*': any host.
        builder.Services.AddOptions<HostFilteringOptions>()
            .Validate(
                options => development || !options.AllowedHosts.Contains("*"),
                $"{AllowedHostsKey} must name the host names the portal is reached at (e.g. portal.example.org), not '*', outside Development.")
            .ValidateOnStart();

        builder.Services.AddOptions<ForwardedHeadersSettings>().BindConfiguration(ForwardedHeadersSettings.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ForwardedHeadersSettings>, ForwardedHeadersSettingsValidator>();

        // PostConfigure, so that it also replaces what the framework's switch sets: no known proxies, every peer believed.
        builder.Services.AddOptions<ForwardedHeadersOptions>()
            .PostConfigure<IOptions<ForwardedHeadersSettings>, IOptions<HostFilteringOptions>>((options, settings, hosts) =>
                Apply(options, settings.Value, hosts.Value));
        return builder;
    }

    /// <summary>Reads the known proxies' forwarded headers, when switched on; before anything that uses the client's address, scheme or host.</summary>
    public static WebApplication UsePortalForwardedHeaders(this WebApplication app)
    {
        // With the framework's switch its start-up filter has already put the same middleware first, with these options.
        if (app.Services.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value.Enabled
            && !app.Configuration.GetValue<bool>(FrameworkForwardedHeadersSwitch))
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    private static void Apply(ForwardedHeadersOptions options, ForwardedHeadersSettings settings, HostFilteringOptions hosts)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        if (settings.KnownProxies.Count == 0 && settings.KnownNetworks.Count == 0)
        {
            // The framework's default: a proxy on the same machine.
            options.KnownIPNetworks.Add(new System.Net.IPNetwork(IPAddress.Loopback, 8));
            options.KnownProxies.Add(IPAddress.IPv6Loopback);
        }

        foreach (var proxy in settings.KnownProxies)
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        foreach (var network in settings.KnownNetworks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }

        if (settings.ForwardHost)
        {
            options.ForwardedHeaders |= ForwardedHeaders.XForwardedHost;
            options.AllowedHosts = [.. hosts.AllowedHosts];
        }
    }
}
