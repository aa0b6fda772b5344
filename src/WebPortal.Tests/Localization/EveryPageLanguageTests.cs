using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Localization;

/// <summary>
/// Every page a person or an admin reaches, the error pages included, is in Dutch for a Dutch browser and in English
/// for an English one: its <c>lang</c>, its title and a text of its own, each the page's own words in that language.
/// </summary>
public sealed partial class EveryPageLanguageTests
{
    [Theory]
    [InlineData("nl-BE", "nl")]
    [InlineData("en", "en")]
    public async Task Every_page_is_in_the_browser_s_language(string acceptLanguage, string lang)
    {
        await using var harness = await PortalHarness.StartAsync(new Dictionary<string, string?> { ["Portal:Admins:0"] = $"KlasCement:{Members.AnPeeters}" });
        var admin = harness.NewSessionAsking(acceptLanguage);
        await admin.SignInAsync(Members.AnPeeters);
        var member = harness.NewSessionAsking(acceptLanguage);
        await member.SignInAsync(Members.JanJanssens);
        var an = await harness.Portal.WithDatabaseAsync(db => db.Users.AsNoTracking().SingleAsync(user => user.DisplayName == "An Peeters"));

        var pages = new (PortalSession Browser, string Path, HttpStatusCode Status, Words Title, Words Text)[]
        {
            (admin, "/", HttpStatusCode.OK, new("Welcome"), new("Your accounts")),
            (admin, "/profile", HttpStatusCode.OK, new("KlasCement profile"), new("Your KlasCement profile")),
            (admin, "/agenda", HttpStatusCode.OK, new("MyOrganizer agenda"), new("MyOrganizer is not offered by this portal.")),
            (admin, "/account", HttpStatusCode.OK, new("My accounts"), new("My sessions")),
            (admin, "/account/disconnect/KlasCement", HttpStatusCode.OK, new("Disconnect {0}", "KlasCement"), new("Disconnect {0}?", "KlasCement")),
            (admin, "/account/delete", HttpStatusCode.OK, new("Delete my account"), new("Delete your portal account?")),
            (admin, "/admin/accounts", HttpStatusCode.OK, new("Accounts"), new("Search")),
            (admin, $"/admin/accounts/{an.Id}", HttpStatusCode.OK, new("Account"), new("Linked accounts")),
            (admin, $"/admin/accounts/{an.Id}/end-sessions", HttpStatusCode.OK, new("Confirm"), new("Are you sure?")),
            (admin, "/admin/audit", HttpStatusCode.OK, new("Audit log"), new("What happened to portal accounts and who did it, newest first. Times are Brussels time.")),
            (admin, "/account/signin-error?provider=KlasCement&reason=Denied", HttpStatusCode.OK, new("Sign-in cancelled"), new("You did not give the portal access at {0}, so you are not signed in. Nothing was stored.", "KlasCement")),
            (member, "/admin/accounts", HttpStatusCode.Forbidden, new("You do not have access to this page"), new("Back to the start page")),
            (admin, "/no-such-page", HttpStatusCode.NotFound, new("Page not found"), new("There is no page at this address.")),
            (admin, "/error/429", HttpStatusCode.TooManyRequests, new("Too many sign-in attempts"), new("Back to the start page")),
            (admin, "/error/500", HttpStatusCode.InternalServerError, new("Something went wrong on our side"), new("Back to the start page")),
            (admin, "/error/503", HttpStatusCode.ServiceUnavailable, new("The portal is temporarily unavailable"), new("Back to the start page")),
        };

        foreach (var (browser, path, status, title, text) in pages)
        {
            var page = await browser.GetAsync(path);

            Assert.True(status == page.Status, $"{path}: {page.Status} instead of {status}");
            Assert.True(page.Html.Contains($"<html lang=\"{lang}\">", StringComparison.Ordinal), $"{path} is not marked lang=\"{lang}\"");
            Assert.Equal($"{title.In(lang)} – WebPortal", WebUtility.HtmlDecode(TitleOf().Match(page.Html).Groups[1].Value));
            Assert.True(page.Text.Contains(text.In(lang), StringComparison.Ordinal), $"{path} does not say \"{text.In(lang)}\"");
        }
    }

    [GeneratedRegex("<title>(.*?)</title>", RegexOptions.Singleline)]
    private static partial Regex TitleOf();

    /// <summary>A text the views look up by its English words, with the values for its placeholders.</summary>
    private sealed record Words(string English, params string[] Values)
    {
        public string In(string lang) => string.Format(CultureInfo.InvariantCulture, lang == "nl" ? DutchResource.Texts[English] : English, Values);
    }
}
