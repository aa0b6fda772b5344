using System.Net;
using Microsoft.AspNetCore.Authentication;
using WebPortal.Authentication;
using WebPortal.Authentication.ExternalSignIn;
using WebPortal.Sandbox.MyOrganizer;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Authentication.ExternalSignIn;

/// <summary>Every provider completes and fails a sign-in through the same steps: one log, no token in the cookie, nothing stored on a refusal.</summary>
public sealed class SignInCompletionTests
{
    [Fact]
    public async Task A_MyOrganizer_account_linked_to_another_portal_user_is_refused_with_its_tokens_neither_stored_nor_in_a_cookie()
    {
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var harness = await MyOrganizerHarness.StartAsync(klasCement: klasCement);
        var an = harness.NewSession();
        await an.SignInAsync(Members.AnPeeters);
        await an.SignInWithMyOrganizerAsync(Customers.LotteMaes);
        var jan = harness.NewSession();
        await jan.SignInAsync(Members.JanJanssens);
        var before = await harness.ConnectionsAsync();
        var janCookieBefore = jan.SessionCookie!.Value;

        var page = await jan.SignInWithMyOrganizerAsync(Customers.LotteMaes);

        Assert.Contains("data-reason=\"AccountLinkConflict\"", page.Html, StringComparison.Ordinal);
        Assert.Equal(
            before.Select(c => (c.UserId, c.Provider, c.ProviderUserId, c.ProtectedAccessToken, c.ProtectedRefreshToken)).Order(),
            (await harness.ConnectionsAsync()).Select(c => (c.UserId, c.Provider, c.ProviderUserId, c.ProtectedAccessToken, c.ProtectedRefreshToken)).Order());
        Assert.Equal(janCookieBefore, jan.SessionCookie!.Value);
        var callbacks = jan.Exchanges.Where(exchange => exchange.Path.StartsWith("/signin-myorganizer", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(callbacks);
        Assert.DoesNotContain(callbacks.SelectMany(exchange => exchange.SetCookies), cookie => cookie.Contains(AuthenticationExtensions.SessionCookieName, StringComparison.Ordinal));
        Assert.Contains("Jan Janssens", (await jan.GetAsync("/")).Text, StringComparison.Ordinal);
        Assert.Contains(harness.Portal.Logs.Entries, entry => entry.Id.Id == PortalSignInCompletion.SignInFailedEventId && entry.PlainMessage.Contains("Sign-in with MyOrganizer failed (AccountLinkConflict, reference", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Both_providers_failures_are_logged_by_the_one_sign_in_failure_event_with_their_reason()
    {
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var harness = await MyOrganizerHarness.StartAsync(klasCement: klasCement);
        harness.B2C.TokenEndpoint = B2CEndpointBehaviour.ServerError;
        var browser = harness.NewSession();

        var declined = await browser.ConsentAsync(await browser.StartSignInAsync(), allow: false);
        await browser.GetAsync(declined.PathAndQuery);
        await browser.SignInWithMyOrganizerAsync();

        var failures = harness.Portal.Logs.Entries.Where(entry => entry.Id.Id == PortalSignInCompletion.SignInFailedEventId).ToList();
        Assert.Equal(2, failures.Count);
        Assert.Contains(failures, entry => entry.PlainMessage.StartsWith("Sign-in with KlasCement failed (Denied, reference ", StringComparison.Ordinal));
        Assert.Contains(failures, entry => entry.PlainMessage.StartsWith("Sign-in with MyOrganizer failed (TokenEndpoint, reference ", StringComparison.Ordinal));
        Assert.Single(failures.Select(entry => (entry.Category, entry.Level)).Distinct());
    }

    [Fact]
    public async Task Neither_provider_leaves_a_token_in_the_session_s_ticket()
    {
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var harness = await MyOrganizerHarness.StartAsync(klasCement: klasCement);

        foreach (var signIn in new Func<PortalSession, Task<PortalPage>>[] { browser => browser.SignInAsync(), browser => browser.SignInWithMyOrganizerAsync() })
        {
            var browser = harness.NewSession();
            var page = await signIn(browser);

            Assert.Equal(HttpStatusCode.OK, page.Status);
            var (_, ticket) = (await harness.Portal.StoredSessionAsync(browser.SessionCookie!.Value))!.Value;
            Assert.Empty(ticket.Properties.GetTokens());
            Assert.DoesNotContain(ticket.Properties.Items.Keys, key => key.StartsWith(".Token", StringComparison.Ordinal));
            Assert.DoesNotContain(ticket.Properties.Items.Values, value => value is not null && (harness.Secrets.Contains(value) || klasCement.Secrets.Contains(value)));
        }

        Assert.Equal(2, (await harness.ConnectionsAsync()).Count);
    }
}
