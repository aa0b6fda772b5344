using System.Net;

namespace WebPortal.Tests.Infrastructure;

public static class SignInAssert
{
    /// <summary>The sign-in ended on the error page that explains it: no 500, no stack trace, no session, nothing stored.</summary>
    public static async Task FailedAsync(PortalFactory portal, PortalSession browser, PortalPage page, string reason, string explanation)
    {
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.StartsWith("/account/signin-error", page.Path, StringComparison.Ordinal);
        Assert.Contains($"data-reason=\"{reason}\"", page.Html, StringComparison.Ordinal);
        Assert.Contains(explanation, page.Text, StringComparison.Ordinal);
        Assert.Contains("Nothing was stored", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at WebPortal.", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", page.Html, StringComparison.Ordinal);
        Assert.False(browser.HasSessionCookie, "A failed sign-in must not leave a session.");
        Assert.Contains("Not signed in", (await browser.GetAsync("/")).Text, StringComparison.Ordinal);
        Assert.Empty(await portal.UsersAsync());
        Assert.Empty(await portal.ConnectionsAsync());
    }
}
