using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebPortal.Data;
using WebPortal.Providers.MyOrganizer.Api;
using WebPortal.Sandbox.Gateway;
using WebPortal.Sandbox.KlasCement;
using WebPortal.Sandbox.MyOrganizer;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Security;

/// <summary>
/// A provider that answers with a redirect to another host gets nothing re-sent there: no refresh token, no code, no
/// client secret, no bearer token; the other host's content is never shown; the page says what happened.
/// </summary>
public sealed class ProviderRedirectTests
{
    private const int RedirectLoggedEvent = 3010;

    [Fact]
    public async Task A_307_from_KlasCements_refresh_endpoint_sends_nothing_elsewhere_and_keeps_the_connection()
    {
        await using var foreign = await ForeignHost.StartAsync();
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInAsync();
        var before = await harness.StoredConnectionAsync(Members.AnPeeters);
        harness.Sandbox.RedirectTo = foreign.Url;
        harness.Sandbox.RefreshEndpoint = SandboxBehaviour.Redirect;
        await harness.ExpireStoredAccessTokensAsync();

        var page = await browser.GetAsync("/profile");

        AssertNothingReached(foreign);
        Assert.Equal(HttpStatusCode.BadGateway, page.Status);
        Assert.Contains("KlasCement sent the portal to another address instead of answering", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(ForeignHost.Marker, page.Html, StringComparison.Ordinal);
        var after = await harness.StoredConnectionAsync(Members.AnPeeters);
        Assert.Equal(ConnectionStatus.Active, after.Status);
        Assert.Equal(before.RefreshToken, after.RefreshToken);
        AssertRedirectLogged(harness.Portal, 307);
    }

    [Fact]
    public async Task A_307_from_KlasCements_token_endpoint_at_sign_in_sends_nothing_elsewhere_and_says_so()
    {
        await using var foreign = await ForeignHost.StartAsync();
        await using var harness = await PortalHarness.StartAsync();
        harness.Sandbox.RedirectTo = foreign.Url;
        harness.Sandbox.TokenEndpoint = SandboxBehaviour.Redirect;
        var browser = harness.NewSession();

        var page = await browser.SignInAsync();

        AssertNothingReached(foreign);
        await SignInAssert.FailedAsync(harness.Portal, browser, page, "ProviderRedirected", "KlasCement sent the portal to another address");
        AssertRedirectLogged(harness.Portal, 307);
    }

    [Fact]
    public async Task A_302_from_KlasCements_profile_API_is_not_followed_and_the_other_hosts_content_is_not_shown()
    {
        await using var foreign = await ForeignHost.StartAsync();
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInAsync();
        harness.Sandbox.RedirectTo = foreign.Url;
        harness.Sandbox.ProfileEndpoint = SandboxBehaviour.Redirect;

        var page = await browser.GetAsync("/profile");

        AssertNothingReached(foreign);
        Assert.Equal(HttpStatusCode.BadGateway, page.Status);
        Assert.DoesNotContain(ForeignHost.Marker, page.Html, StringComparison.Ordinal);
        Assert.Contains("KlasCement sent the portal to another address instead of answering", page.Text, StringComparison.Ordinal);
        Assert.Equal(ConnectionStatus.Active, (await harness.StoredConnectionAsync(Members.AnPeeters)).Status);
        AssertRedirectLogged(harness.Portal, 302);
    }

    [Fact]
    public async Task A_307_from_MyOrganizers_token_endpoint_on_refresh_sends_nothing_elsewhere_and_keeps_the_connection()
    {
        await using var foreign = await ForeignHost.StartAsync();
        await using var harness = await MyOrganizerHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInWithMyOrganizerAsync();
        var before = await harness.StoredConnectionAsync(Customers.LotteMaes);
        harness.B2C.RedirectTo = foreign.Url;
        harness.B2C.TokenEndpoint = B2CEndpointBehaviour.Redirect;
        await harness.ExpireStoredAccessTokensAsync();

        var page = await browser.GetAsync("/agenda");

        AssertNothingReached(foreign);
        Assert.Equal(HttpStatusCode.BadGateway, page.Status);
        Assert.Contains("data-state=\"Unavailable\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("MyOrganizer sent the portal to another address instead of answering", page.Text, StringComparison.Ordinal);
        var after = await harness.StoredConnectionAsync(Customers.LotteMaes);
        Assert.Equal(ConnectionStatus.Active, after.Status);
        Assert.Equal(before.RefreshToken, after.RefreshToken);
        AssertRedirectLogged(harness.Portal, 307);
    }

    [Fact]
    public async Task A_307_from_MyOrganizers_token_endpoint_at_sign_in_sends_nothing_elsewhere_and_says_so()
    {
        await using var foreign = await ForeignHost.StartAsync();
        await using var harness = await MyOrganizerHarness.StartAsync();
        harness.B2C.RedirectTo = foreign.Url;
        harness.B2C.TokenEndpoint = B2CEndpointBehaviour.Redirect;
        var browser = harness.NewSession();

        var page = await browser.SignInWithMyOrganizerAsync();

        AssertNothingReached(foreign);
        await SignInAssert.FailedAsync(harness.Portal, browser, page, "ProviderRedirected", "MyOrganizer sent the portal to another address");
        AssertRedirectLogged(harness.Portal, 307);
    }

    [Fact]
    public async Task A_redirect_from_MyOrganizers_metadata_is_not_followed_and_the_sign_in_does_not_start()
    {
        await using var foreign = await ForeignHost.StartAsync();
        await using var harness = await MyOrganizerHarness.StartAsync();
        harness.B2C.RedirectTo = foreign.Url;
        harness.B2C.MetadataEndpoint = B2CEndpointBehaviour.Redirect;
        var browser = harness.NewSession();

        var start = await browser.StartSignInAsync(provider: "MyOrganizer");

        AssertNothingReached(foreign);
        Assert.StartsWith("/account/signin-error", start.OriginalString, StringComparison.Ordinal);
        Assert.Contains("reason=ProviderUnreachable", start.OriginalString, StringComparison.Ordinal);
        AssertRedirectLogged(harness.Portal, 302);
    }

    [Fact]
    public async Task A_302_from_the_agenda_API_is_not_followed_and_the_other_hosts_content_is_not_shown()
    {
        await using var foreign = await ForeignHost.StartAsync();
        await using var harness = await MyOrganizerHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInWithMyOrganizerAsync();
        harness.Gateway.RedirectTo = foreign.Url;
        harness.Gateway.AppointmentsBehaviour = AppointmentsBehaviour.Redirect;

        var page = await browser.GetAsync("/agenda");

        AssertNothingReached(foreign);
        Assert.Equal(HttpStatusCode.BadGateway, page.Status);
        Assert.DoesNotContain(ForeignHost.Marker, page.Html, StringComparison.Ordinal);
        Assert.Contains("MyOrganizer sent the portal to another address instead of answering", page.Text, StringComparison.Ordinal);
        Assert.Equal(0, harness.B2C.RefreshRequests);
        AssertRedirectLogged(harness.Portal, 302);
    }

    [Fact]
    public async Task A_307_from_the_gateways_app_token_endpoint_sends_nothing_elsewhere_and_the_portal_is_not_ready()
    {
        await using var foreign = await ForeignHost.StartAsync();
        await using var gateway = await GatewayStandIn.StartAsync();
        await using var portal = new PortalFactory(klasCement: null, gateway.PortalSettings);
        gateway.Sandbox.RedirectTo = foreign.Url;
        gateway.Sandbox.TokenBehaviour = GatewayTokenBehaviour.Redirect;

        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var refused = await Assert.ThrowsAsync<GatewayUnavailableException>(
                () => scope.ServiceProvider.GetRequiredService<GatewayAppTokenClient>().GetAppTokenAsync(CancellationToken.None));
            Assert.Contains("Redirected", refused.Message, StringComparison.Ordinal);
        }

        using var ready = await portal.CreateClient().GetAsync("/health/ready");

        AssertNothingReached(foreign);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        AssertRedirectLogged(portal, 307);
    }

    private static void AssertNothingReached(ForeignHost foreign) =>
        Assert.True(foreign.Requests.Count == 0, $"The other host received:\n{string.Join("\n---\n", foreign.Requests.Select(r => r.AllText))}");

    /// <summary>A warning names the status and the provider's redacted URL, never where the redirect pointed with its query.</summary>
    private static void AssertRedirectLogged(PortalFactory portal, int status)
    {
        var logs = portal.Logs.Entries;
        Assert.Contains(logs, entry => entry.Level == LogLevel.Warning && entry.Id.Id == RedirectLoggedEvent && entry.Message.Contains($"{status}", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, entry => entry.AllText.Contains("from=provider", StringComparison.Ordinal));
    }
}
