using System.Net;
using Microsoft.Extensions.Logging;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Authentication.MyOrganizer;

public sealed class MyOrganizerSignInTests
{
    [Fact]
    public async Task A_customer_signs_in_with_MyOrganizer_and_lands_on_this_weeks_agenda()
    {
        await using var harness = await MyOrganizerHarness.StartAsync();
        var browser = harness.NewSession();

        var page = await browser.SignInWithMyOrganizerAsync(PortalSession.LotteMaes);

        Assert.True(page.Path.StartsWith("/agenda", StringComparison.Ordinal), harness.Portal.Logs.Warnings());
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("data-state=\"Shown\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("Lotte Maes", page.Text, StringComparison.Ordinal);
    }
}
