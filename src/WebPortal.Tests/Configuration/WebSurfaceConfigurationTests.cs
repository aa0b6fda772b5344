using Microsoft.Extensions.Logging;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Configuration;

public sealed class WebSurfaceConfigurationTests
{
    [Theory]
    [InlineData("RateLimiting:SignInPermitLimit", "0", "RateLimiting:SignInPermitLimit must be at least 1.")]
    [InlineData("RateLimiting:Window", "00:00:00", "RateLimiting:Window must be between 00:00:01 and 1.00:00:00.")]
    [InlineData("RateLimiting:Window", "2.00:00:00", "RateLimiting:Window must be between 00:00:01 and 1.00:00:00.")]
    [InlineData("ForwardedHeaders:KnownProxies:0", "proxy.internal", "ForwardedHeaders:KnownProxies:0 must be an IP address.")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "192.0.2.0", "ForwardedHeaders:KnownNetworks:0 must be a network in CIDR notation (e.g. 192.0.2.0/24).")]
    public async Task A_wrong_web_setting_stops_start_up_naming_the_key(string key, string value, string failure)
    {
        await using var portal = new PortalFactory(standIn: null, new Dictionary<string, string?> { [key] = value, ["RateLimiting:Enabled"] = "true" });

        Assert.ThrowsAny<Exception>(() => portal.Server);

        var critical = Assert.Single(portal.Logs.Entries, entry => entry.Level == LogLevel.Critical);
        Assert.Equal($"WebPortal cannot start: {failure}", critical.PlainMessage);
    }
}
