using Microsoft.Extensions.Logging;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Configuration;

public sealed class TokenRefreshConfigurationTests
{
    [Theory]
    [InlineData("Tokens:RefreshWaitTimeout", "00:00:00", "RefreshWaitTimeout")]
    [InlineData("Tokens:RefreshWaitTimeout", "01:00:00", "RefreshWaitTimeout")]
    [InlineData("Tokens:RefreshFailureBackoff", "-00:00:01", "RefreshFailureBackoff")]
    [InlineData("Tokens:RefreshFailureBackoff", "01:00:00", "RefreshFailureBackoff")]
    public async Task A_refresh_wait_or_back_off_out_of_range_stops_start_up_naming_it(string key, string value, string name)
    {
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var portal = new PortalFactory(klasCement, new Dictionary<string, string?> { [key] = value });

        Assert.ThrowsAny<Exception>(() => portal.Server);

        var critical = Assert.Single(portal.Logs.Entries, entry => entry.Level == LogLevel.Critical);
        Assert.StartsWith("WebPortal cannot start:", critical.PlainMessage, StringComparison.Ordinal);
        Assert.Contains(name, critical.PlainMessage, StringComparison.Ordinal);
    }
}
