using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WebPortal.Providers.MyOrganizer.Api;
using WebPortal.Sandbox.Gateway;
using WebPortal.Sandbox.MyOrganizer;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Providers.MyOrganizer;

/// <summary>
/// MyOrganizer's metadata and the gateway's app-token endpoint answering with a redirect to another host: nothing is
/// re-sent there. The token endpoint's and the API's redirects, which every provider shares, are <see cref="ProviderContractTests"/>'.
/// </summary>
public sealed class MyOrganizerRedirectTests
{
    [Fact]
    public async Task A_redirect_from_MyOrganizers_metadata_is_not_followed_and_the_sign_in_does_not_start()
    {
        await using var foreign = await ForeignHost.StartAsync();
        await using var harness = await MyOrganizerHarness.StartAsync();
        harness.B2C.RedirectTo = foreign.Url;
        harness.B2C.MetadataEndpoint = B2CEndpointBehaviour.Redirect;
        var browser = harness.NewSession();

        var start = await browser.StartSignInAsync(provider: "MyOrganizer");

        ProviderContractTests.AssertNothingReached(foreign);
        Assert.StartsWith("/account/signin-error", start.OriginalString, StringComparison.Ordinal);
        Assert.Contains("reason=ProviderUnreachable", start.OriginalString, StringComparison.Ordinal);
        ProviderContractTests.AssertRedirectLogged(harness.Portal, 302);
    }

    [Fact]
    public async Task A_307_from_the_gateways_app_token_endpoint_sends_nothing_elsewhere_and_the_portal_is_not_ready()
    {
        await using var foreign = await ForeignHost.StartAsync();
        await using var gateway = await GatewayStandIn.StartAsync();
        await using var portal = new PortalFactory(standIn: null, gateway.PortalSettings);
        gateway.Sandbox.RedirectTo = foreign.Url;
        gateway.Sandbox.TokenBehaviour = GatewayTokenBehaviour.Redirect;

        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var refused = await Assert.ThrowsAsync<GatewayUnavailableException>(
                () => scope.ServiceProvider.GetRequiredService<GatewayAppTokenClient>().GetAppTokenAsync(CancellationToken.None));
            Assert.Contains("Redirected", refused.Message, StringComparison.Ordinal);
        }

        using var ready = await portal.CreateClient().GetAsync("/health/ready");

        ProviderContractTests.AssertNothingReached(foreign);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        ProviderContractTests.AssertRedirectLogged(portal, 307);
    }
}
