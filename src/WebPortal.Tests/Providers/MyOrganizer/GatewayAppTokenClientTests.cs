using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebPortal.Providers.MyOrganizer.Api;
using WebPortal.Sandbox.Gateway;
using WebPortal.Scaling;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Providers.MyOrganizer;

public sealed class GatewayAppTokenClientTests
{
    [Fact]
    public async Task Fifty_concurrent_callers_cause_one_token_request()
    {
        await using var gateway = await GatewayStandIn.StartAsync();
        await using var portal = new PortalFactory(standIn: null, gateway.PortalSettings);

        var tokens = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => AppTokenAsync(portal)));

        Assert.Equal(["client_credentials"], gateway.Sandbox.Grants);
        Assert.Single(tokens.Select(t => t.AccessToken).Distinct());
        Assert.True(gateway.Sandbox.IsValidAccessToken(tokens[0].AccessToken));
        Assert.Equal(["appointments.read", "agenda.read"], tokens[0].Scopes);
    }

    [Fact]
    public async Task A_token_about_to_expire_is_renewed_with_its_refresh_token()
    {
        await using var gateway = await GatewayStandIn.StartAsync(options => options.AccessTokenLifetime = TimeSpan.FromSeconds(30));
        await using var portal = new PortalFactory(standIn: null, new Dictionary<string, string?>(gateway.PortalSettings) { ["MyOrganizerApi:AppTokenRefreshSkew"] = "00:01:00" });

        var first = await AppTokenAsync(portal);
        var second = await AppTokenAsync(portal);

        Assert.Equal(["client_credentials", "refresh_token"], gateway.Sandbox.Grants);
        Assert.NotEqual(first.AccessToken, second.AccessToken);
        Assert.True(gateway.Sandbox.IsValidAccessToken(second.AccessToken));
    }

    [Fact]
    public async Task A_refused_refresh_token_is_replaced_by_a_new_app_token()
    {
        await using var gateway = await GatewayStandIn.StartAsync(options => options.AccessTokenLifetime = TimeSpan.FromSeconds(30));
        await using var portal = new PortalFactory(standIn: null, new Dictionary<string, string?>(gateway.PortalSettings) { ["MyOrganizerApi:AppTokenRefreshSkew"] = "00:01:00" });
        await AppTokenAsync(portal);
        gateway.Sandbox.RevokeRefreshTokens();

        var renewed = await AppTokenAsync(portal);

        Assert.Equal(["client_credentials", "refresh_token", "client_credentials"], gateway.Sandbox.Grants);
        Assert.True(gateway.Sandbox.IsValidAccessToken(renewed.AccessToken));
    }

    [Theory]
    [InlineData(ExpiresInStyle.Seconds)]
    [InlineData(ExpiresInStyle.SecondsAsString)]
    [InlineData(ExpiresInStyle.UnixTimestamp)]
    public async Task Expires_in_is_read_as_seconds_as_a_string_or_as_a_timestamp(ExpiresInStyle style)
    {
        await using var gateway = await GatewayStandIn.StartAsync();
        gateway.Sandbox.ExpiresInStyle = style;
        await using var portal = new PortalFactory(standIn: null, gateway.PortalSettings);

        var token = await AppTokenAsync(portal);

        Assert.InRange(token.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(58), DateTimeOffset.UtcNow.AddMinutes(61));
    }

    [Fact]
    public async Task Wrong_app_credentials_give_a_clear_error_for_an_administrator()
    {
        await using var gateway = await GatewayStandIn.StartAsync();
        await using var portal = new PortalFactory(standIn: null, new Dictionary<string, string?>(gateway.PortalSettings) { ["MyOrganizerApi:AppSecret"] = "not-the-secret" });

        var refused = await Assert.ThrowsAsync<GatewayCredentialsRejectedException>(() => AppTokenAsync(portal));

        Assert.Equal("The MyOrganizer API gateway refused the portal's app credentials: check MyOrganizerApi:AppKey and MyOrganizerApi:AppSecret.", refused.Message);
        Assert.Contains(portal.Logs.Entries, entry => entry.Level == LogLevel.Error && entry.Id.Id == 4002);
        Assert.DoesNotContain(portal.Logs.Entries, entry => entry.AllText.Contains("not-the-secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_cached_app_token_is_encrypted()
    {
        await using var gateway = await GatewayStandIn.StartAsync();
        await using var portal = new PortalFactory(standIn: null, gateway.PortalSettings);
        var token = await AppTokenAsync(portal);

        var cached = await portal.Services.GetRequiredKeyedService<IDistributedCache>(ScalingExtensions.SharedCache).GetAsync("WebPortal:MyOrganizer:GatewayAppToken");

        Assert.NotNull(cached);
        Assert.DoesNotContain(token.AccessToken, Encoding.UTF8.GetString(cached), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_app_key_without_a_secret_stops_start_up_naming_the_key()
    {
        await using var portal = new PortalFactory(standIn: null, new Dictionary<string, string?>
        {
            ["MyOrganizerApi:AppKey"] = "our-app",
            ["MyOrganizerApi:TokenEndpoint"] = "https://gateway.example/authorization/token",
            ["MyOrganizerApi:BaseUrl"] = "https://gateway.example",
        });

        Assert.ThrowsAny<Exception>(() => portal.Server);

        var critical = Assert.Single(portal.Logs.Entries, entry => entry.Level == LogLevel.Critical);
        Assert.Equal("WebPortal cannot start: MyOrganizerApi:AppSecret is required when MyOrganizerApi:AppKey is set.", critical.PlainMessage);
    }

    private static async Task<GatewayToken> AppTokenAsync(PortalFactory portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GatewayAppTokenClient>().GetAppTokenAsync(CancellationToken.None);
    }
}
