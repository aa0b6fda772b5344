using System.Net;
using WebPortal.Sandbox.KlasCement;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Providers.KlasCement;

public sealed class ProfilePageTests
{
    [Fact]
    public async Task The_profile_shows_known_fields_and_lists_every_other_field()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();

        var profile = await browser.SignInAsync(Members.AnPeeters);

        Assert.Contains("An Peeters", profile.Text, StringComparison.Ordinal);
        Assert.Contains("an.peeters@example.be", profile.Text, StringComparison.Ordinal);
        Assert.Contains("532abc50af2c8", profile.Text, StringComparison.Ordinal);
        foreach (var (field, value) in new[]
        {
            ("school", "Sint-Jozefscollege Hasselt"),
            ("subjects", "Wiskunde, Fysica"),
            ("language", "nl"),
            ("member_since", "2014-03-20"),
            ("stats.uploads", "12"),
            ("stats.downloads", "348"),
        })
        {
            Assert.Matches($"<th scope=\"row\">{field}</th><td>{value}</td>", profile.Html);
        }
    }

    [Fact]
    public async Task A_member_without_an_email_is_shown_without_failing()
    {
        await using var harness = await PortalHarness.StartAsync();

        var profile = await harness.NewSession().SignInAsync(Members.JanJanssens);

        Assert.Contains("Jan Janssens", profile.Text, StringComparison.Ordinal);
        Assert.Contains("not shared with the portal", profile.Text, StringComparison.Ordinal);
        Assert.Contains("Atheneum Brugge", profile.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Everything_KlasCement_sends_is_html_encoded()
    {
        await using var harness = await PortalHarness.StartAsync(sandbox: options => options.Members.Add(new KlasCementSandboxMember(
            "evil0000001",
            new Dictionary<string, object?>
            {
                ["id"] = "evil0000001",
                ["first_name"] = "<script>alert('name')</script>",
                ["surname"] = "O'Brien & Co",
                ["<img src=x onerror=alert(1)>"] = "<b>bold</b>",
            })));

        var profile = await harness.NewSession().SignInAsync("evil0000001");

        Assert.Equal(HttpStatusCode.OK, profile.Status);
        Assert.DoesNotContain("<script>alert", profile.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", profile.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>bold</b>", profile.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", profile.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;bold&lt;/b&gt;", profile.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SandboxBehaviour.ServerError, HttpStatusCode.BadGateway, "KlasCement is having trouble right now", 2)]
    [InlineData(SandboxBehaviour.MalformedJson, HttpStatusCode.BadGateway, "KlasCement sent an answer the portal could not read", 1)]
    [InlineData(SandboxBehaviour.Slow, HttpStatusCode.GatewayTimeout, "KlasCement took too long to answer", 2)]
    public async Task An_upstream_failure_gives_a_clear_message_on_the_page(SandboxBehaviour behaviour, HttpStatusCode status, string message, int calls)
    {
        await using var harness = await PortalHarness.StartAsync(new Dictionary<string, string?> { ["ProviderHttp:Timeout"] = "00:00:01" });
        var browser = harness.NewSession();
        await browser.SignInAsync();
        harness.Sandbox.ProfileEndpoint = behaviour;
        var callsBefore = harness.Sandbox.ProfileRequests;

        var profile = await browser.GetAsync("/profile");

        Assert.Equal(status, profile.Status);
        Assert.Equal(calls, harness.Sandbox.ProfileRequests - callsBefore); // a failed GET is tried once more (ProviderHttp:GetRetries = 1 here)
        Assert.Contains(message, profile.Text, StringComparison.Ordinal);
        Assert.Contains("Try again", profile.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", profile.Html, StringComparison.Ordinal);
        Assert.Contains("Signed in as", profile.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_401_that_a_refresh_does_not_cure_offers_to_reconnect()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInAsync();
        harness.Sandbox.ProfileEndpoint = SandboxBehaviour.Unauthorized;

        var profile = await browser.GetAsync("/profile");

        Assert.Equal(HttpStatusCode.BadGateway, profile.Status);
        Assert.Contains("did not accept the portal's access to your profile, even after renewing it", profile.Text, StringComparison.Ordinal);
        Assert.Contains("Reconnect KlasCement", profile.Text, StringComparison.Ordinal);
        Assert.Equal(1, harness.Sandbox.RefreshRequests);
    }

    [Fact]
    public async Task A_signed_in_person_without_a_KlasCement_connection_is_offered_to_connect()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInAsync();
        await harness.RemoveConnectionsAsync();

        var profile = await browser.GetAsync("/profile");

        Assert.Contains("You have not connected a KlasCement account yet", profile.Text, StringComparison.Ordinal);
        Assert.Contains("Connect KlasCement", profile.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_profile_page_asks_anonymous_visitors_to_sign_in()
    {
        await using var harness = await PortalHarness.StartAsync();

        var page = await harness.NewSession().GetAsync("/profile");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Sign in with KlasCement", page.Text, StringComparison.Ordinal);
        Assert.Contains("name=\"returnUrl\" value=\"/profile\"", page.Html, StringComparison.Ordinal);
    }
}
