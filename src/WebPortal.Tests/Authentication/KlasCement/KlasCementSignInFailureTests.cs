using Microsoft.AspNetCore.WebUtilities;
using WebPortal.Sandbox.KlasCement;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Authentication.KlasCement;

/// <summary>Every way a sign-in can go wrong ends on a page that says so: no 500, no session, nothing stored.</summary>
public sealed class KlasCementSignInFailureTests
{
    [Fact]
    public async Task Declining_at_KlasCement_says_sign_in_was_cancelled()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();

        var callback = await browser.ConsentAsync(await browser.StartSignInAsync(), allow: false);
        var page = await browser.GetAsync(callback.PathAndQuery);

        await SignInAssert.FailedAsync(harness.Portal, browser, page, "Denied", "You did not give the portal access at KlasCement");
        Assert.Empty(harness.Sandbox.TokenRequests);
    }

    [Theory]
    [InlineData("server_error")]
    [InlineData("invalid_scope")]
    public async Task Another_error_on_the_callback_says_KlasCement_reported_a_problem(string error)
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        var state = StateOf(await browser.StartSignInAsync());

        var page = await browser.GetAsync($"/signin-klascement?error={error}&state={Uri.EscapeDataString(state)}");

        await SignInAssert.FailedAsync(harness.Portal, browser, page, "ProviderError", "KlasCement reported a problem");
    }

    [Theory]
    [InlineData("/signin-klascement?code=abc")]
    [InlineData("/signin-klascement?code=abc&state=forged")]
    [InlineData("/signin-klascement?error=access_denied")]
    public async Task A_callback_without_a_valid_state_is_refused(string callback)
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.StartSignInAsync();

        var page = await browser.GetAsync(callback);

        await SignInAssert.FailedAsync(harness.Portal, browser, page, "InvalidState", "did not match a sign-in started from this browser");
        Assert.Empty(harness.Sandbox.TokenRequests);
    }

    [Fact]
    public async Task A_callback_started_in_another_browser_is_refused()
    {
        await using var harness = await PortalHarness.StartAsync();
        var victim = harness.NewSession();
        var attacker = harness.NewSession();
        var attackersCallback = await attacker.ConsentAsync(await attacker.StartSignInAsync(), Members.JanJanssens);

        var page = await victim.GetAsync(attackersCallback.PathAndQuery);

        await SignInAssert.FailedAsync(harness.Portal, victim, page, "InvalidState", "did not match a sign-in started from this browser");
    }

    [Fact]
    public async Task A_callback_without_a_code_is_refused()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        var state = StateOf(await browser.StartSignInAsync());

        var page = await browser.GetAsync($"/signin-klascement?state={Uri.EscapeDataString(state)}");

        await SignInAssert.FailedAsync(harness.Portal, browser, page, "MissingCode", "without a sign-in code");
    }

    [Theory]
    [InlineData(SandboxBehaviour.ServerError)]
    [InlineData(SandboxBehaviour.MalformedJson)]
    [InlineData(SandboxBehaviour.InvalidGrant)]
    [InlineData(SandboxBehaviour.Unauthorized)]
    [InlineData(SandboxBehaviour.Slow)]
    public async Task A_failing_token_endpoint_ends_the_sign_in_with_a_clear_page(SandboxBehaviour behaviour)
    {
        await using var harness = await PortalHarness.StartAsync(new Dictionary<string, string?> { ["ProviderHttp:Timeout"] = "00:00:01" });
        harness.Sandbox.TokenEndpoint = behaviour;
        var browser = harness.NewSession();

        var callback = await browser.ConsentAsync(await browser.StartSignInAsync());
        var page = await browser.GetAsync(callback.PathAndQuery);

        await SignInAssert.FailedAsync(harness.Portal, browser, page, "TokenEndpoint", "KlasCement did not confirm the sign-in");
        Assert.Single(harness.Sandbox.TokenRequests); // a code works once: the exchange is never retried
    }

    [Fact]
    public async Task A_code_used_twice_is_not_accepted_the_second_time()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        var callback = await browser.ConsentAsync(await browser.StartSignInAsync());
        await browser.GetAsync(callback.PathAndQuery);
        var replay = harness.NewSession();

        var page = await replay.GetAsync(callback.PathAndQuery);

        Assert.Contains("Sign-in did not complete", page.Text, StringComparison.Ordinal);
        Assert.False(replay.HasSessionCookie);
        Assert.Single(await harness.UsersAsync());
    }

    [Theory]
    [InlineData(SandboxBehaviour.ServerError)]
    [InlineData(SandboxBehaviour.MalformedJson)]
    [InlineData(SandboxBehaviour.Unauthorized)]
    public async Task A_failing_member_endpoint_ends_the_sign_in_with_nothing_stored(SandboxBehaviour behaviour)
    {
        await using var harness = await PortalHarness.StartAsync();
        harness.Sandbox.ProfileEndpoint = behaviour;
        var browser = harness.NewSession();

        var callback = await browser.ConsentAsync(await browser.StartSignInAsync());
        var page = await browser.GetAsync(callback.PathAndQuery);

        await SignInAssert.FailedAsync(harness.Portal, browser, page, "ProfileUnavailable", "your member details could not be read");
    }

    [Fact]
    public async Task Try_again_on_the_error_page_starts_a_new_sign_in()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        var declined = await browser.ConsentAsync(await browser.StartSignInAsync(), allow: false);
        var errorPage = await browser.GetAsync(declined.PathAndQuery);

        var authorize = await browser.PostSignInFormAsync(errorPage.Path);
        var profile = await browser.GetAsync((await browser.ConsentAsync(authorize)).PathAndQuery);

        Assert.Contains("An Peeters", profile.Text, StringComparison.Ordinal);
        Assert.True(browser.HasSessionCookie);
    }

    private static string StateOf(Uri authorize) => QueryHelpers.ParseQuery(authorize.Query)["state"].ToString();
}
