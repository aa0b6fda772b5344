using System.Net;
using Microsoft.Extensions.Configuration;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Configuration;

public sealed class SandboxTests
{
    private const string SandboxAuthorize = "/sandbox/klascement/oauth/authorize?client_id=webportal-sandbox&redirect_uri=http%3A%2F%2Flocalhost%2Fsignin-klascement&response_type=code&state=s&scope=name";

    [Fact]
    public async Task In_Development_the_sandbox_answers_and_KlasCement_points_at_it()
    {
        await using var portal = new PortalFactory(standIn: null, new Dictionary<string, string?> { ["Sandbox:Enabled"] = "true" }, environment: "Development");
        using var browser = new PortalSession(portal);

        var consent = await browser.GetAsync(SandboxAuthorize);
        var authorize = await browser.StartSignInAsync();

        Assert.Equal(HttpStatusCode.OK, consent.Status);
        Assert.Contains("KlasCement", consent.Text, StringComparison.Ordinal);
        Assert.Contains("An Peeters", consent.Text, StringComparison.Ordinal);
        Assert.Equal("/sandbox/klascement/oauth/authorize", authorize.AbsolutePath);
        Assert.Contains("client_id=webportal-sandbox", authorize.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_Development_MyOrganizer_points_at_the_local_B2C_and_gateway_stand_ins()
    {
        // The test host's browser is at https://localhost: the callback registered with the stand-in must be there.
        await using var portal = new PortalFactory(standIn: null, new Dictionary<string, string?> { ["Sandbox:Enabled"] = "true", ["Sandbox:BaseUrl"] = "https://localhost" }, environment: "Development");
        using var browser = new PortalSession(portal);

        var authorize = await browser.StartSignInAsync(provider: "MyOrganizer");
        using var http = new HttpClient();
        var signInPage = await http.GetStringAsync(authorize);
        var ready = await browser.GetAsync("/health/ready");

        Assert.Equal("127.0.0.1", authorize.Host);
        Assert.Equal("/ringphonesso.onmicrosoft.com/b2c_1_myorganizer_login/oauth2/v2.0/authorize", authorize.AbsolutePath);
        Assert.Contains("Lotte Maes", signInPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Contains("myorganizer-gateway", ready.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_Development_the_sandbox_sets_KlasCement_RedirectUri_to_the_portal_callback()
    {
        await using var portal = new PortalFactory(standIn: null, new Dictionary<string, string?> { ["Sandbox:Enabled"] = "true", ["Sandbox:BaseUrl"] = "https://localhost" }, environment: "Development");

        var configuration = portal.GetRequiredService<IConfiguration>();

        Assert.Equal("https://localhost/signin-klascement", configuration["KlasCement:RedirectUri"]);
    }

    [Fact]
    public async Task Sandbox_Enabled_false_turns_it_off_in_Development()
    {
        await using var portal = new PortalFactory(standIn: null, new Dictionary<string, string?> { ["Sandbox:Enabled"] = "false" }, environment: "Development");
        using var browser = new PortalSession(portal);

        var consent = await browser.GetAsync(SandboxAuthorize);
        var start = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.NotFound, consent.Status);
        Assert.DoesNotContain("Sign in with KlasCement", start.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task The_sandbox_cannot_be_switched_on_outside_Development(string environment)
    {
        await using var portal = new PortalFactory(standIn: null, new Dictionary<string, string?> { ["Sandbox:Enabled"] = "true" }, environment: environment);
        using var browser = new PortalSession(portal);

        var consent = await browser.GetAsync(SandboxAuthorize);
        var start = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.NotFound, consent.Status);
        Assert.DoesNotContain("Sign in with KlasCement", start.Text, StringComparison.Ordinal);
        Assert.Contains(portal.Logs.Entries, entry => entry.Message.StartsWith("Sandbox:Enabled is ignored", StringComparison.Ordinal));
    }
}
