using System.Net;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using WebPortal.Sandbox.KlasCement;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Providers.KlasCement;

public sealed class KlasCementSignInTests
{
    [Fact]
    public async Task Sign_in_redirects_to_KlasCement_with_the_documented_parameters()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();

        var authorize = await browser.StartSignInAsync();

        Assert.Equal($"{harness.KlasCement.BaseUrl}/oauth/authorize", authorize.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(authorize.Query);
        Assert.Equal(KlasCementStandIn.ClientId, query["client_id"]);
        Assert.Equal("https://localhost/signin-klascement", query["redirect_uri"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("name", query["scope"]);
        Assert.False(string.IsNullOrEmpty(query["state"]));
        Assert.False(query.ContainsKey("code_challenge"), "KlasCement's note does not mention PKCE.");
    }

    [Fact]
    public async Task Sign_in_exchanges_the_code_with_basic_auth_and_redirect_uri_and_shows_the_profile()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();

        var profile = await browser.SignInAsync(Members.AnPeeters);

        var exchange = Assert.Single(harness.Sandbox.TokenRequests);
        Assert.Equal(TokenEndpointKind.Token, exchange.Endpoint);
        var expectedCredentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{KlasCementStandIn.ClientId}:{harness.KlasCement.ClientSecret}"));
        Assert.Equal($"Basic {expectedCredentials}", exchange.Authorization);
        Assert.Equal("authorization_code", exchange.Form["grant_type"]);
        Assert.Equal("https://localhost/signin-klascement", exchange.Form["redirect_uri"]);
        Assert.False(string.IsNullOrEmpty(exchange.Form["code"]));
        Assert.False(exchange.Form.ContainsKey("client_secret"), "The secret travels in the Basic header only.");

        Assert.Equal(HttpStatusCode.OK, profile.Status);
        Assert.Equal("/profile", profile.Path);
        Assert.Contains("An Peeters", profile.Text, StringComparison.Ordinal);
        Assert.Contains("an.peeters@example.be", profile.Text, StringComparison.Ordinal);
        Assert.Contains("Sint-Jozefscollege Hasselt", profile.Text, StringComparison.Ordinal);
        Assert.Contains("Signed in as", profile.Text, StringComparison.Ordinal);
        Assert.Equal("name", Assert.Single(await harness.ConnectionsAsync()).Scope);
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInAsync();

        var start = await browser.SignOutAsync();

        Assert.Contains("Not signed in", start.Text, StringComparison.Ordinal);
        Assert.Contains("Sign in with KlasCement", start.Text, StringComparison.Ordinal);
        var profile = await browser.GetAsync("/profile");
        Assert.Contains("Sign in with KlasCement", profile.Text, StringComparison.Ordinal);
    }
}
