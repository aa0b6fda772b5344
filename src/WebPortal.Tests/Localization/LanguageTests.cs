using System.Net;
using WebPortal.Localization;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Localization;

/// <summary>
/// Dutch (nl-BE) is the portal's language unless the browser asks for English; the switcher on every page overrides
/// both and is remembered.
/// </summary>
public sealed class LanguageTests
{
    [Theory]
    [InlineData(null, "nl", "Aanmelden bij WebPortal")]
    [InlineData("nl-BE", "nl", "Aanmelden bij WebPortal")]
    [InlineData("nl-NL,nl;q=0.9", "nl", "Aanmelden bij WebPortal")]
    [InlineData("fr-BE,fr;q=0.9", "nl", "Aanmelden bij WebPortal")]
    [InlineData("en-GB,en;q=0.9", "en", "Sign in to WebPortal")]
    [InlineData("fr-BE,en;q=0.8,nl;q=0.5", "en", "Sign in to WebPortal")]
    [InlineData("de,nl;q=0.7,en;q=0.3", "nl", "Aanmelden bij WebPortal")]
    public async Task The_language_comes_from_the_browser_s_Accept_Language_and_is_Dutch_by_default(string? acceptLanguage, string lang, string heading)
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSessionAsking(acceptLanguage);

        var start = await browser.GetAsync("/");

        Assert.Contains($"<html lang=\"{lang}\">", start.Html, StringComparison.Ordinal);
        Assert.Contains(heading, start.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_switcher_changes_the_language_goes_back_to_the_page_and_is_remembered()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSessionAsking("en");
        await browser.SignInAsync();
        Assert.Contains("My accounts", (await browser.GetAsync("/account")).Text, StringComparison.Ordinal);

        var switched = await browser.PostFormAsync(Path, new Dictionary<string, string> { ["language"] = "nl-BE", ["returnUrl"] = "/account" }, tokenFrom: "/account");

        Assert.Equal(HttpStatusCode.Found, switched.Status);
        Assert.Equal("/account", switched.Location!.OriginalString);
        var account = await browser.GetAsync("/account");
        Assert.Contains("Mijn accounts", account.Text, StringComparison.Ordinal);
        Assert.Contains("Mijn sessies", account.Text, StringComparison.Ordinal);
        Assert.Contains("Je KlasCement-profiel", (await browser.GetAsync("/profile")).Text, StringComparison.Ordinal);
        Assert.Contains("Je accounts", (await browser.GetAsync("/")).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    public async Task The_switcher_goes_back_only_to_a_page_of_the_portal(string returnUrl)
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();

        var switched = await browser.PostFormAsync(Path, new Dictionary<string, string> { ["language"] = "en", ["returnUrl"] = returnUrl });

        Assert.Equal("/", switched.Location!.OriginalString);
    }

    [Fact]
    public async Task An_unknown_language_changes_nothing()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();

        await browser.PostFormAsync(Path, new Dictionary<string, string> { ["language"] = "fr-BE", ["returnUrl"] = "/" });

        Assert.DoesNotContain(browser.Cookies.GetCookies(browser.Origin), cookie => cookie.Name == PortalCultures.CookieName);
        Assert.Contains("Sign in to WebPortal", (await browser.GetAsync("/")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Times_are_written_in_Brussels_time_in_the_page_s_language()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInAsync();
        var connectedAt = Assert.Single(await harness.ConnectionsAsync()).ConnectedAt;
        var brussels = PortalTime.InBrussels(connectedAt);

        var english = await browser.GetAsync("/");
        await browser.PostFormAsync(Path, new Dictionary<string, string> { ["language"] = "nl-BE", ["returnUrl"] = "/" });
        var dutch = await browser.GetAsync("/");

        Assert.Contains(brussels.ToString("d MMMM yyyy HH:mm", PortalCultures.English), english.Text, StringComparison.Ordinal);
        Assert.Contains(brussels.ToString("d MMMM yyyy HH:mm", PortalCultures.Dutch), dutch.Text, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromHours(brussels.Offset.TotalHours), PortalTime.Brussels.GetUtcOffset(connectedAt));
    }

    [Fact]
    public async Task An_error_page_is_in_Dutch_for_a_Dutch_browser()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSessionAsking("nl-BE");

        var missing = await browser.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Contains("Pagina niet gevonden", missing.Text, StringComparison.Ordinal);
        Assert.Contains("Terug naar de startpagina", missing.Text, StringComparison.Ordinal);
    }

    private const string Path = WebPortal.Controllers.LanguageController.Path;
}
