using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;
using WebPortal.Providers.MyOrganizer;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Security;

/// <summary>
/// Only the person can end their portal session: with the sign-out button, a POST carrying the anti-forgery token.
/// MyOrganizer documents no front-channel logout and the portal keeps no B2C session id, so the OpenID Connect
/// handler's front-channel logout path is switched off: a link to it on any site signs nobody out.
/// </summary>
public sealed class SignOutTests
{
    public static TheoryData<string> ForgedFrontChannelSignOuts => new()
    {
        "/signout-oidc",
        "/signout-oidc?iss=https%3A%2F%2Fattacker.example%2Ftenant%2Fv2.0%2F",
        "/signout-oidc?sid=made-up-session-id",
        "/signout-oidc?iss={MyOrganizer}&sid=made-up-session-id",
    };

    [Theory]
    [MemberData(nameof(ForgedFrontChannelSignOuts))]
    public async Task A_front_channel_sign_out_request_signs_nobody_out(string signOut)
    {
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var harness = await MyOrganizerHarness.StartAsync(klasCement: klasCement);
        var member = harness.NewSession();
        await member.SignInAsync(Members.AnPeeters);
        var customer = harness.NewSession();
        await customer.SignInWithMyOrganizerAsync(Customers.LotteMaes);
        var path = signOut.Replace("{MyOrganizer}", Uri.EscapeDataString(await B2CIssuerAsync(harness)), StringComparison.Ordinal);

        foreach (var browser in new[] { member, customer })
        {
            using var response = await browser.Portal.GetAsync(path);

            Assert.DoesNotContain(browser.Exchanges[^1].SetCookies, cookie => cookie.Contains("WebPortal.Session", StringComparison.Ordinal));
            Assert.True(browser.HasSessionCookie, $"GET {path} cleared the session cookie.");
        }

        Assert.Contains("An Peeters", (await member.GetAsync("/profile")).Text, StringComparison.Ordinal);
        Assert.Contains("Lotte Maes", (await customer.GetAsync("/agenda")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_GET_to_the_sign_out_address_signs_nobody_out()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInAsync();

        var page = await browser.GetAsync("/account/signout");

        Assert.NotEqual(HttpStatusCode.OK, page.Status);
        Assert.DoesNotContain(browser.Exchanges, exchange => exchange.SetCookies.Any(cookie => cookie.Contains("WebPortal.Session=;", StringComparison.Ordinal)));
        Assert.Contains("An Peeters", (await browser.GetAsync("/profile")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_out_button_ends_the_session()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInAsync();

        var start = await browser.SignOutAsync();

        Assert.False(browser.HasSessionCookie);
        Assert.Contains("Sign in with KlasCement", start.Text, StringComparison.Ordinal);
    }

    private static async Task<string> B2CIssuerAsync(MyOrganizerHarness harness)
    {
        var settings = harness.Portal.GetRequiredService<IOptionsMonitor<MicrosoftIdentityOptions>>().Get(MyOrganizerAuthenticationDefaults.AuthenticationScheme);
        using var http = new HttpClient();
        var metadata = await http.GetStringAsync($"{settings.Instance}{settings.Domain}/{settings.SignUpSignInPolicyId}/v2.0/.well-known/openid-configuration");
        return JsonDocument.Parse(metadata).RootElement.GetProperty("issuer").GetString()!;
    }
}
