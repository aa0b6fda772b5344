using Microsoft.Extensions.Logging;
using WebPortal.Sandbox.MyOrganizer;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Providers.MyOrganizer;

/// <summary>
/// MyOrganizer's B2C issuer is bound to the configured tenant: <c>{instance origin}/{tenant id}/v2.0/</c>. Metadata
/// naming any other issuer is refused before anyone is sent to sign in.
/// </summary>
public sealed class MyOrganizerIssuerTests
{
    [Theory]
    [InlineData(MetadataFault.IssuerOnAnotherOrigin)]
    [InlineData(MetadataFault.IssuerOfAnotherTenant)]
    public async Task Metadata_naming_another_issuer_ends_the_sign_in_start_on_the_error_page_without_sending_anyone_to_B2C(MetadataFault fault)
    {
        await using var harness = await MyOrganizerHarness.StartAsync(MyOrganizerRefreshAnswerTests.Generous);
        harness.B2C.MetadataFault = fault;
        var browser = harness.NewSession();

        var start = await browser.StartSignInAsync(provider: "MyOrganizer");
        var page = await browser.GetAsync(start.OriginalString);

        Assert.False(start.IsAbsoluteUri, $"The portal sent the browser to {start}:\n{harness.Portal.Logs.Warnings()}");
        await SignInAssert.FailedAsync(harness.Portal, browser, page, "UntrustedProvider", "MyOrganizer's sign-in service is not the one this portal is set up for");
        Assert.Empty(harness.B2C.TokenRequests);
        var warning = Assert.Single(harness.Portal.Logs.Entries, entry => entry.Id.Id == SignInNotStarted);
        Assert.Equal(LogLevel.Warning, warning.Level);
        var error = Assert.Single(harness.Portal.Logs.Entries, entry => entry.Id.Id == MetadataRefused);
        Assert.Equal(LogLevel.Error, error.Level);
        Assert.Contains($"where {harness.MyOrganizer.BaseUrl}/{harness.B2C.Options.TenantId}/v2.0/ was expected", error.PlainMessage, StringComparison.Ordinal);
        Assert.EndsWith("check AzureAdB2C:Instance and AzureAdB2C:TenantId", error.PlainMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_configured_tenant_id_the_issuer_must_name_a_tenant_id_that_the_tokens_tid_repeats()
    {
        await using var harness = await MyOrganizerHarness.StartAsync(new Dictionary<string, string?>(MyOrganizerRefreshAnswerTests.Generous) { ["AzureAdB2C:TenantId"] = null });
        var browser = harness.NewSession();

        var page = await browser.SignInWithMyOrganizerAsync();

        Assert.True(page.Path.StartsWith("/agenda", StringComparison.Ordinal), harness.Portal.Logs.Warnings());
        Assert.Contains("data-state=\"Shown\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_configured_tenant_id_an_issuer_on_another_origin_is_refused_too()
    {
        await using var harness = await MyOrganizerHarness.StartAsync(new Dictionary<string, string?>(MyOrganizerRefreshAnswerTests.Generous) { ["AzureAdB2C:TenantId"] = null });
        harness.B2C.MetadataFault = MetadataFault.IssuerOnAnotherOrigin;
        var browser = harness.NewSession();

        var start = await browser.StartSignInAsync(provider: "MyOrganizer");

        Assert.False(start.IsAbsoluteUri, $"The portal sent the browser to {start}:\n{harness.Portal.Logs.Warnings()}");
        Assert.StartsWith("/account/signin-error", start.OriginalString, StringComparison.Ordinal);
    }

    /// <summary>AccountController's event: a sign-in did not start because the provider's metadata was refused.</summary>
    private const int SignInNotStarted = 1031;

    /// <summary>MyOrganizerTenantIssuer's event: the metadata names another issuer, and which keys to check.</summary>
    private const int MetadataRefused = 1032;
}
