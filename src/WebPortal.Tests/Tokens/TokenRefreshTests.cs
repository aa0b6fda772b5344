using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebPortal.Data;
using WebPortal.Sandbox.KlasCement;
using WebPortal.Tests.Infrastructure;
using WebPortal.Tokens;

namespace WebPortal.Tests.Tokens;

public sealed class TokenRefreshTests
{
    [Fact]
    public async Task An_expired_token_is_refreshed_once_and_the_stored_refresh_token_is_kept()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInAsync();
        var beforeRefresh = await harness.StoredConnectionAsync(Members.AnPeeters);
        await harness.ExpireStoredAccessTokensAsync();

        var profile = await browser.GetAsync("/profile");
        await browser.GetAsync("/profile");

        Assert.Contains("An Peeters", profile.Text, StringComparison.Ordinal);
        Assert.Equal(1, harness.Sandbox.RefreshRequests);
        var refresh = harness.Sandbox.TokenRequests.Single(r => r.Endpoint == TokenEndpointKind.Refresh);
        Assert.Equal("refresh_token", refresh.Form["grant_type"]);
        Assert.Equal(beforeRefresh.RefreshToken, refresh.Form["refresh_token"]);
        Assert.Equal("https://localhost/signin-klascement", refresh.Form["redirect_uri"]);
        Assert.StartsWith("Basic ", refresh.Authorization, StringComparison.Ordinal);

        var afterRefresh = await harness.StoredConnectionAsync(Members.AnPeeters);
        Assert.NotEqual(beforeRefresh.AccessToken, afterRefresh.AccessToken);
        Assert.Equal(beforeRefresh.RefreshToken, afterRefresh.RefreshToken);
        Assert.True(afterRefresh.ExpiresAt > DateTimeOffset.UtcNow.AddMinutes(50));
        Assert.NotNull(afterRefresh.LastRefreshedAt);
        Assert.Equal(ConnectionStatus.Active, afterRefresh.Status);
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

    [Fact]
    public async Task Fifty_concurrent_requests_with_an_expired_token_cause_exactly_one_refresh()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInAsync();
        await harness.ExpireStoredAccessTokensAsync();

        var pages = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => browser.GetAsync("/profile")));

        Assert.All(pages, page =>
        {
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains("An Peeters", page.Text, StringComparison.Ordinal);
        });
        Assert.Equal(1, harness.Sandbox.RefreshRequests);
    }

    [Theory]
    [InlineData(SandboxBehaviour.InvalidGrant)]
    [InlineData(SandboxBehaviour.Unauthorized)]
    public async Task A_refused_refresh_marks_the_connection_as_needing_a_reconnect(SandboxBehaviour refusal)
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInAsync();
        harness.Sandbox.RefreshEndpoint = refusal;
        await harness.ExpireStoredAccessTokensAsync();

        var profile = await browser.GetAsync("/profile");

        Assert.Equal(HttpStatusCode.OK, profile.Status);
        Assert.Contains("data-state=\"NeedsReconnect\"", profile.Html, StringComparison.Ordinal);
        Assert.Contains("Reconnect KlasCement", profile.Text, StringComparison.Ordinal);
        var connection = Assert.Single(await harness.ConnectionsAsync());
        Assert.Equal(ConnectionStatus.NeedsReconnect, connection.Status);
        Assert.Null(connection.ProtectedRefreshToken);
        Assert.Single(await harness.UsersAsync());
        Assert.True(browser.HasSessionCookie, "The portal session itself is not lost.");
        Assert.Contains("Needs reconnect", (await browser.GetAsync("/")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_refresh_token_is_recognised_as_invalid_grant()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInAsync();
        harness.Sandbox.RevokeRefreshTokens();
        await harness.ExpireStoredAccessTokensAsync();

        var profile = await browser.GetAsync("/profile");

        Assert.Contains("data-state=\"NeedsReconnect\"", profile.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconnecting_restores_the_connection_for_the_same_portal_user()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInAsync();
        var user = Assert.Single(await harness.UsersAsync());
        harness.Sandbox.RevokeRefreshTokens();
        await harness.ExpireStoredAccessTokensAsync();
        await browser.GetAsync("/profile");

        var authorize = await browser.PostSignInFormAsync("/profile");
        var profile = await browser.GetAsync((await browser.ConsentAsync(authorize)).PathAndQuery);

        Assert.Contains("An Peeters", profile.Text, StringComparison.Ordinal);
        Assert.Equal(user.Id, Assert.Single(await harness.UsersAsync()).Id);
        Assert.Equal(ConnectionStatus.Active, Assert.Single(await harness.ConnectionsAsync()).Status);
    }

    [Fact]
    public async Task A_401_from_the_API_refreshes_the_token_and_retries_once()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInAsync();
        var profileCallsBefore = harness.Sandbox.ProfileRequests;
        harness.Sandbox.ExpireAccessTokens();

        var profile = await browser.GetAsync("/profile");

        Assert.Contains("An Peeters", profile.Text, StringComparison.Ordinal);
        Assert.Equal(1, harness.Sandbox.RefreshRequests);
        Assert.Equal(profileCallsBefore + 2, harness.Sandbox.ProfileRequests);
    }

    [Fact]
    public async Task A_refresh_that_fails_for_a_moment_keeps_the_connection()
    {
        // No back-off, so that the very next view asks KlasCement again.
        await using var harness = await PortalHarness.StartAsync(new Dictionary<string, string?> { ["Tokens:RefreshFailureBackoff"] = "00:00:00" });
        var browser = harness.NewSession();
        await browser.SignInAsync();
        harness.Sandbox.RefreshEndpoint = SandboxBehaviour.ServerError;
        await harness.ExpireStoredAccessTokensAsync();

        var failing = await browser.GetAsync("/profile");
        harness.Sandbox.RefreshEndpoint = SandboxBehaviour.Normal;
        var recovered = await browser.GetAsync("/profile");

        Assert.Contains("KlasCement is having trouble right now", failing.Text, StringComparison.Ordinal);
        Assert.Contains("An Peeters", recovered.Text, StringComparison.Ordinal);
        Assert.Equal(ConnectionStatus.Active, Assert.Single(await harness.ConnectionsAsync()).Status);
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

    [Fact]
    public async Task Tokens_that_can_no_longer_be_decrypted_ask_for_a_reconnect()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInAsync();
        await harness.Portal.WithDatabaseAsync(db => db.Connections.ExecuteUpdateAsync(s => s
            .SetProperty(c => c.ProtectedAccessToken, "CfDJ8-not-a-payload-of-this-key-ring")
            .SetProperty(c => c.ProtectedRefreshToken, "CfDJ8-not-a-payload-of-this-key-ring")));
        await harness.ExpireStoredAccessTokensAsync();

        var profile = await browser.GetAsync("/profile");

        Assert.Equal(HttpStatusCode.OK, profile.Status);
        Assert.Contains("data-state=\"NeedsReconnect\"", profile.Html, StringComparison.Ordinal);
        Assert.Equal(0, harness.Sandbox.RefreshRequests);
    }

    [Fact]
    public async Task Marking_a_reconnect_does_not_undo_a_newer_sign_in()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInAsync();
        var stale = await harness.StoredConnectionAsync(Members.AnPeeters);
        await browser.SignInAsync();

        await using (var scope = harness.Portal.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProviderConnectionStore>().MarkNeedsReconnectAsync(stale, ReconnectReasons.Rejection("invalid_grant"), RefreshOutcomes.Rejected, CancellationToken.None);
        }

        var connection = Assert.Single(await harness.ConnectionsAsync());
        Assert.Equal(ConnectionStatus.Active, connection.Status);
        Assert.NotNull(connection.ProtectedRefreshToken);
    }
}
