using System.Net;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Authentication.MyOrganizer;

internal static class MyOrganizerAssert
{
    /// <summary>The sign-in ended on the error page that explains it: no 500, no session, nothing stored.</summary>
    public static async Task FailedSignInAsync(MyOrganizerHarness harness, PortalSession browser, PortalPage page, string reason, string explanation)
    {
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.StartsWith("/account/signin-error?provider=MyOrganizer", page.Path, StringComparison.Ordinal);
        Assert.Contains($"data-reason=\"{reason}\"", page.Html, StringComparison.Ordinal);
        Assert.Contains(explanation, page.Text, StringComparison.Ordinal);
        Assert.Contains("Nothing was stored", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", page.Html, StringComparison.Ordinal);
        Assert.False(browser.HasSessionCookie, "A failed sign-in must not leave a session.");
        Assert.Contains("Not signed in", (await browser.GetAsync("/")).Text, StringComparison.Ordinal);
        Assert.Empty(await harness.UsersAsync());
        Assert.Empty(await harness.ConnectionsAsync());
    }
}
