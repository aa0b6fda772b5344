using System.Net;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Configuration;

public sealed class KlasCementSwitchedOffTests
{
    [Fact]
    public async Task Without_a_client_id_the_profile_page_says_KlasCement_is_not_offered()
    {
        await using var harness = await MyOrganizerHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInWithMyOrganizerAsync();

        var profile = await browser.GetAsync("/profile");

        Assert.Equal(HttpStatusCode.OK, profile.Status);
        Assert.Contains("data-state=\"ProviderOff\"", profile.Html, StringComparison.Ordinal);
        Assert.Contains("KlasCement is not offered by this portal.", profile.Text, StringComparison.Ordinal);
    }
}
