using Microsoft.Extensions.Logging;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Configuration;

public sealed class RedisConfigurationTests
{
    [Theory]
    [InlineData("Redis:Configuration", "127.0.0.1:6379,no-such-option=1", "Redis:Configuration is not a StackExchange.Redis configuration string.")]
    [InlineData("Redis:KeyPrefix", "webportal portal", "Redis:KeyPrefix must be 1 to 64 letters, digits or : _ . -")]
    public async Task A_wrong_Redis_setting_stops_start_up_naming_the_key(string key, string value, string failure)
    {
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var portal = new PortalFactory(klasCement, new Dictionary<string, string?> { [key] = value });

        Assert.ThrowsAny<Exception>(() => portal.Server);

        var critical = Assert.Single(portal.Logs.Entries, e => e.Level == LogLevel.Critical);
        Assert.Contains(failure, critical.PlainMessage, StringComparison.Ordinal);
    }
}
