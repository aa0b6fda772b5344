using WebPortal.Sandbox.KlasCement;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Providers.KlasCement;

/// <summary>
/// KlasCement's own ways for a sign-in to go wrong, beyond those every provider shares (<see cref="ProviderContractTests"/>):
/// each ends on a page that says so, with no session and nothing stored.
/// </summary>
public sealed class KlasCementSignInFailureTests
{
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
