using System.Net;
using Microsoft.Extensions.Options;

namespace WebPortal.Infrastructure.Web;

/// <summary>
/// Configuration section <c>ForwardedHeaders</c>: which reverse proxies the portal believes about the client's
/// address and scheme (<c>X-Forwarded-For</c>, <c>X-Forwarded-Proto</c>), and whether it takes the host from
/// <c>X-Forwarded-Host</c>. A header from any other peer is ignored: the OAuth handlers build redirect_uri from the
/// request's scheme and host, and the rate limiter counts per client address.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Reads the forwarded headers of the known proxies. The framework's <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c> switches it on too.</summary>
    public bool Enabled { get; set; }

    /// <summary>Addresses of the proxies to believe; with neither these nor <see cref="KnownNetworks"/>, loopback only.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of the proxies to believe, in CIDR notation (<c>192.0.2.0/24</c>).</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>Takes the host from <c>X-Forwarded-Host</c>, and then only a host named in <c>AllowedHosts</c>.</summary>
    public bool ForwardHost { get; set; }
}

internal sealed class ForwardedHeadersSettingsValidator : IValidateOptions<ForwardedHeadersSettings>
{
    public ValidateOptionsResult Validate(string? name, ForwardedHeadersSettings settings)
    {
        var failures = new List<string>();
        for (var i = 0; i < settings.KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(settings.KnownProxies[i], out _))
            {
                failures.Add($"{ForwardedHeadersSettings.Section}:KnownProxies:{i} must be an IP address.");
            }
        }

        for (var i = 0; i < settings.KnownNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(settings.KnownNetworks[i], out _))
            {
                failures.Add($"{ForwardedHeadersSettings.Section}:KnownNetworks:{i} must be a network in CIDR notation (e.g. 192.0.2.0/24).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
