using WebPortal.Authentication.ExternalSignIn;
using WebPortal.Sandbox.MyOrganizer;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Providers.MyOrganizer;

/// <summary>The id_token is validated in full: a spoiled one ends the sign-in, with no session and no further call.</summary>
public sealed class MyOrganizerIdTokenTests
{
    [Theory]
    [InlineData(IdTokenFault.BadSignature)]
    [InlineData(IdTokenFault.AlgNone)]
    [InlineData(IdTokenFault.WrongIssuer)]
    [InlineData(IdTokenFault.WrongAudience)]
    [InlineData(IdTokenFault.WrongTenant)]
    [InlineData(IdTokenFault.MissingSubject)]
    [InlineData(IdTokenFault.Expired)]
    [InlineData(IdTokenFault.NonceMismatch)]
    [InlineData(IdTokenFault.UnknownKeyId)]
    public async Task A_spoiled_id_token_ends_on_the_error_page_with_no_session_and_no_further_call(IdTokenFault fault)
    {
        await using var harness = await MyOrganizerHarness.StartAsync();
        harness.B2C.IdTokenFault = fault;
        var browser = harness.NewSession();

        var page = await browser.SignInWithMyOrganizerAsync();
        var agenda = await browser.GetAsync("/agenda");

        Assert.True(page.Html.Contains("data-reason=\"InvalidToken\"", StringComparison.Ordinal), harness.Portal.Logs.Warnings());
        await SignInAssert.FailedAsync(harness.Portal, browser, page, "InvalidToken", "could not be verified as genuine and recent");
        Assert.Single(harness.B2C.TokenRequests);
        Assert.Empty(harness.Gateway.AppointmentsRequests);
        Assert.StartsWith("/?ReturnUrl=", agenda.Path, StringComparison.Ordinal);
        Assert.Contains(harness.Portal.Logs.Entries, entry => entry.Id.Id == PortalSignInCompletion.SignInFailedEventId && entry.Message.Contains("InvalidToken", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_access_token_for_another_customer_than_the_id_token_ends_on_the_error_page_with_nothing_stored()
    {
        await using var harness = await MyOrganizerHarness.StartAsync();
        harness.B2C.CodeAnswerFault = TokenAnswerFault.AccessTokenForAnotherCustomer;
        var browser = harness.NewSession();

        var page = await browser.SignInWithMyOrganizerAsync(Customers.LotteMaes);

        Assert.True(page.Html.Contains("data-reason=\"InvalidToken\"", StringComparison.Ordinal), harness.Portal.Logs.Warnings());
        await SignInAssert.FailedAsync(harness.Portal, browser, page, "InvalidToken", "could not be verified as genuine and recent");
        Assert.Empty(harness.Gateway.AppointmentsRequests);
    }

    [Fact]
    public async Task A_key_id_still_unknown_after_the_keys_were_fetched_again_is_refused()
    {
        await using var harness = await MyOrganizerHarness.StartAsync();
        harness.B2C.IdTokenFault = IdTokenFault.UnknownKeyId;
        var browser = harness.NewSession();

        var page = await browser.SignInWithMyOrganizerAsync();

        await SignInAssert.FailedAsync(harness.Portal, browser, page, "InvalidToken", "could not be verified");
        Assert.Equal(2, harness.B2C.KeySetRequests);
    }

    [Fact]
    public async Task A_token_signed_with_a_new_key_that_the_provider_now_publishes_is_accepted()
    {
        await using var harness = await MyOrganizerHarness.StartAsync();
        var first = harness.NewSession();
        await first.SignInWithMyOrganizerAsync(Customers.LotteMaes);

        harness.B2C.RotateSigningKey();
        var second = harness.NewSession();
        var page = await second.SignInWithMyOrganizerAsync(Customers.PieterClaes);

        Assert.True(page.Path.StartsWith("/agenda", StringComparison.Ordinal), harness.Portal.Logs.Warnings());
        Assert.Contains("data-state=\"Shown\"", page.Html, StringComparison.Ordinal);
        Assert.Equal(2, (await harness.ConnectionsAsync()).Count);
    }
}
