using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WebPortal.Data;
using WebPortal.Sandbox.KlasCement;
using WebPortal.Tests.Infrastructure;
using WebPortal.Tokens;

namespace WebPortal.Tests.Providers.KlasCement;

/// <summary>KlasCement's refresh endpoint: what the refresh sends, and the answers only KlasCement gives.</summary>
public sealed class KlasCementRefreshTests
{
    [Fact]
    public async Task A_refresh_sends_the_stored_refresh_token_with_basic_auth_and_the_redirect_uri_and_keeps_it()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInAsync();
        var beforeRefresh = await harness.StoredConnectionAsync(Members.AnPeeters);
        await harness.ExpireStoredAccessTokensAsync();

        await browser.GetAsync("/profile");

        var refresh = harness.Sandbox.TokenRequests.Single(r => r.Endpoint == TokenEndpointKind.Refresh);
        Assert.Equal("refresh_token", refresh.Form["grant_type"]);
        Assert.Equal(beforeRefresh.RefreshToken, refresh.Form["refresh_token"]);
        Assert.Equal("https://localhost/signin-klascement", refresh.Form["redirect_uri"]);
        Assert.StartsWith("Basic ", refresh.Authorization, StringComparison.Ordinal);
        Assert.Equal(beforeRefresh.RefreshToken, (await harness.StoredConnectionAsync(Members.AnPeeters)).RefreshToken);
    }

    [Fact]
    public async Task A_refresh_runs_without_any_HTTP_request_as_a_background_job_would()
    {
        await using var harness = await PortalHarness.StartAsync(new Dictionary<string, string?> { ["KlasCement:RedirectUri"] = "https://portal.example.org/signin-klascement" });
        await harness.NewSession().SignInAsync();
        var before = await harness.StoredConnectionAsync(Members.AnPeeters);
        var user = Assert.Single(await harness.UsersAsync());

        ProviderAccess refreshed;
        await using (var scope = harness.Portal.Services.CreateAsyncScope())
        {
            Assert.Null(scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext);
            refreshed = await scope.ServiceProvider.GetRequiredService<AccessTokenService>().RefreshNowAsync(user.Id, "KlasCement", CancellationToken.None);
        }

        var refresh = Assert.Single(harness.Sandbox.TokenRequests, r => r.Endpoint == TokenEndpointKind.Refresh);
        Assert.Equal("https://portal.example.org/signin-klascement", refresh.Form["redirect_uri"]);
        var after = await harness.StoredConnectionAsync(Members.AnPeeters);
        Assert.NotEqual(before.AccessToken, refreshed.AccessToken);
        Assert.Equal(refreshed.AccessToken, after.AccessToken);
        Assert.Equal(ConnectionStatus.Active, after.Status);
    }

    /// <summary>A 401 from KlasCement's refresh endpoint refuses the refresh token as <c>invalid_grant</c> does.</summary>
    [Fact]
    public async Task A_refresh_answered_401_marks_the_connection_as_needing_a_reconnect()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInAsync();
        harness.Sandbox.RefreshEndpoint = SandboxBehaviour.Unauthorized;
        await harness.ExpireStoredAccessTokensAsync();

        var profile = await browser.GetAsync("/profile");

        Assert.Equal(HttpStatusCode.OK, profile.Status);
        Assert.Contains("data-state=\"NeedsReconnect\"", profile.Html, StringComparison.Ordinal);
        var connection = Assert.Single(await harness.ConnectionsAsync());
        Assert.Equal(ConnectionStatus.NeedsReconnect, connection.Status);
        Assert.Null(connection.ProtectedRefreshToken);
    }

    [Fact]
    public async Task A_refresh_refusing_the_portals_own_client_credentials_keeps_every_connection()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInAsync();
        harness.Sandbox.Options.ClientSecret = "rotated-at-KlasCement";
        await harness.ExpireStoredAccessTokensAsync();

        var profile = await browser.GetAsync("/profile");

        Assert.Contains("This is a problem on our side, not yours", profile.Text, StringComparison.Ordinal);
        var connection = Assert.Single(await harness.ConnectionsAsync());
        Assert.Equal(ConnectionStatus.Active, connection.Status);
        Assert.NotNull(connection.ProtectedRefreshToken);
        Assert.Contains(harness.Portal.Logs.Entries, entry => entry.Level == Microsoft.Extensions.Logging.LogLevel.Error
            && entry.PlainMessage.StartsWith("KlasCement refused the portal's client credentials", StringComparison.Ordinal));
    }
}
