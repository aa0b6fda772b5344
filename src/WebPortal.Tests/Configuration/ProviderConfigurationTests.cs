using System.Net;
using Microsoft.Extensions.Logging;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Configuration;

public sealed class ProviderConfigurationTests
{
    private const string RedirectUriRequired = "KlasCement:RedirectUri is required when KlasCement:ClientId is set: the callback URL registered with KlasCement, e.g. https://portal.example.org/signin-klascement.";

    [Theory]
    [InlineData("KlasCement:ClientSecret", "", "KlasCement:ClientSecret is required when KlasCement:ClientId is set.")]
    [InlineData("KlasCement:TokenEndpoint", "not a url", "KlasCement:TokenEndpoint must be an absolute http(s) URL.")]
    [InlineData("KlasCement:RefreshTokenEndpoint", "", "KlasCement:RefreshTokenEndpoint must be an absolute http(s) URL.")]
    [InlineData("KlasCement:Scope", " ", "KlasCement:Scope must name at least one scope.")]
    [InlineData("KlasCement:RedirectUri", "", RedirectUriRequired)]
    [InlineData("KlasCement:RedirectUri", "/signin-klascement", RedirectUriRequired)]
    public async Task A_provider_with_a_client_id_but_a_missing_key_stops_start_up_naming_the_key(string key, string value, string failure)
    {
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var portal = new PortalFactory(klasCement, new Dictionary<string, string?> { [key] = value });

        Assert.ThrowsAny<Exception>(() => portal.Server);

        var critical = Assert.Single(portal.Logs.Entries, entry => entry.Level == LogLevel.Critical);
        Assert.Equal($"WebPortal cannot start: {failure}", critical.PlainMessage);
    }

    [Fact]
    public async Task A_provider_without_a_client_id_is_switched_off_and_the_start_up_log_says_so()
    {
        await using var portal = new PortalFactory(standIn: null);
        using var browser = new PortalSession(portal);

        var start = await browser.GetAsync("/");
        using var signIn = await browser.Portal.PostAsync("/account/signin/KlasCement", new FormUrlEncodedContent([]));

        Assert.DoesNotContain("Sign in with KlasCement", start.Text, StringComparison.Ordinal);
        Assert.Contains("No sign-in provider is configured", start.Text, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.Found, signIn.StatusCode);
        Assert.Contains(portal.Logs.Entries, entry => entry.PlainMessage == "Sign-in with KlasCement is off: KlasCement:ClientId is not set");
        var profile = await browser.GetAsync("/signin-klascement?code=x&state=y");
        Assert.Equal(HttpStatusCode.NotFound, profile.Status);
    }

    [Fact]
    public async Task A_configured_provider_is_announced_at_start_up()
    {
        await using var harness = await PortalHarness.StartAsync();

        Assert.Contains(harness.Portal.Logs.Entries, entry => entry.PlainMessage == "Sign-in with KlasCement is on");
    }

    [Fact]
    public async Task The_scope_is_configurable()
    {
        await using var harness = await PortalHarness.StartAsync(new Dictionary<string, string?> { ["KlasCement:Scope"] = "name email" });

        var authorize = await harness.NewSession().StartSignInAsync();

        Assert.Contains("scope=name%20email", authorize.Query, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a string, comma-separated")]
    [InlineData("a list")]
    public async Task The_scope_is_read_as_a_string_or_as_a_list_onto_the_handler_s_options(string form)
    {
        var settings = form == "a list"
            ? new Dictionary<string, string?> { ["KlasCement:Scope"] = null, ["KlasCement:Scope:0"] = "name", ["KlasCement:Scope:1"] = "email" }
            : new Dictionary<string, string?> { ["KlasCement:Scope"] = "name, email" };
        await using var harness = await PortalHarness.StartAsync(settings);

        var authorize = await harness.NewSession().StartSignInAsync();

        Assert.Contains("scope=name%20email&", authorize.Query + "&", StringComparison.Ordinal);
    }
}
