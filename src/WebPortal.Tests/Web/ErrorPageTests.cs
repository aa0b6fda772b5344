using System.Net;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Web;

public sealed class ErrorPageTests
{
    [Theory]
    [InlineData("/account/signout")]
    [InlineData("/account/signin/KlasCement")]
    public async Task A_post_without_a_valid_anti_forgery_token_ends_on_the_portal_error_page(string path)
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInAsync();

        using var response = await browser.Portal.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = "stale" }));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("That request could not be handled", html, StringComparison.Ordinal);
        Assert.Contains("Reference for support", html, StringComparison.Ordinal);
        Assert.True(browser.HasSessionCookie, "A refused sign-out leaves the session as it was.");
    }

    [Fact]
    public async Task An_unknown_page_says_so_on_the_portal_error_page()
    {
        await using var harness = await PortalHarness.StartAsync();

        var page = await harness.NewSession().GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("There is no page at this address", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_503_that_the_database_did_not_cause_does_not_blame_the_database()
    {
        await using var harness = await PortalHarness.StartAsync();

        // The status code pages re-execute any empty 503 here, as they would one from a proxy or a later feature.
        var page = await harness.NewSession().GetAsync("/error/503");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.Status);
        Assert.Contains("The portal is temporarily unavailable", page.Text, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"error-page\" data-status=\"503\" data-cause=\"none\"", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("database", page.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("The portal could not finish your request", page.Text, StringComparison.Ordinal);
    }
}
