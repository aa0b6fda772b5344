using Microsoft.AspNetCore.WebUtilities;
using WebPortal.Sandbox.KlasCement;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Providers.KlasCement;

/// <summary>
/// KlasCement's own ways for a sign-in to go wrong, beyond those every provider shares (<see cref="ProviderContractTests"/>):
/// each ends on a page that says so, with no session and nothing stored.
/// </summary>
public sealed class KlasCementSignInFailureTests
{
    /// <summary>
    /// Not yet a shared fact: MyOrganizer's OpenID Connect handler fails such a callback with a message
    /// ("Cannot process the message. Both id_token and code are missing.") that SignInFailureClassifier does not
    /// list, so it is not classified MissingCode there.
    /// </summary>
    [Fact]
    public async Task A_callback_without_a_code_is_refused()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        var state = QueryHelpers.ParseQuery((await browser.StartSignInAsync()).Query)["state"].ToString();

        var page = await browser.GetAsync($"/signin-klascement?state={Uri.EscapeDataString(state)}");

        await SignInAssert.FailedAsync(harness.Portal, browser, page, "MissingCode", "without a sign-in code");
    }

    [Theory]
    [InlineData(SandboxBehaviour.MalformedJson)]
    [InlineData(SandboxBehaviour.InvalidGrant)]
    [InlineData(SandboxBehaviour.Unauthorized)]
    public async Task A_token_endpoint_that_refuses_the_code_or_answers_garbage_ends_the_sign_in_with_a_clear_page(SandboxBehaviour behaviour)
    {
        await using var harness = await PortalHarness.StartAsync();
        harness.Sandbox.TokenEndpoint = behaviour;
        var browser = harness.NewSession();

        var callback = await browser.ConsentAsync(await browser.StartSignInAsync());
        var page = await browser.GetAsync(callback.PathAndQuery);

        await SignInAssert.FailedAsync(harness.Portal, browser, page, "TokenEndpoint", "KlasCement did not confirm the sign-in");
        Assert.Single(harness.Sandbox.TokenRequests); // a code works once: the exchange is never retried
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
}
