using WebPortal.Tests.EndToEnd.Pages;
using static Microsoft.Playwright.Assertions;
using AriaRole = Microsoft.Playwright.AriaRole;

namespace WebPortal.Tests.EndToEnd;

/// <summary>
/// The portal speaks the browser's language, Dutch (nl-BE) or English, on every page, and the switcher in the header
/// changes it for the rest of the visit. The sandbox's sign-in pages stay in English: they stand in for the providers.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class LanguageBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_Dutch_browser_sees_every_page_in_Dutch_with_the_agenda_s_days_in_Dutch()
    {
        await using var portal = await PortalProcess.StartAsync("Development", new Dictionary<string, string?>());

        await BrowserSession.RunAsync(browser, nameof(A_Dutch_browser_sees_every_page_in_Dutch_with_the_agenda_s_days_in_Dutch), async page =>
        {
            var start = await new StartPage(page).OpenAsync(portal.Url);
            await Expect(start.Document).ToHaveAttributeAsync("lang", "nl");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Aanmelden bij WebPortal");

            await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden met MyOrganizer" }).ClickAsync();
            var agenda = await new MyOrganizerSignInPage(page).SignInAsAsync("Lotte Maes");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Je MyOrganizer-agenda");
            await Expect(page.GetByTestId("day").First).ToContainTextAsync("maandag");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Afmelden" })).ToBeVisibleAsync();
            await Expect(agenda.Appointments.First).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Link, new() { Name = "Mijn accounts", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mijn sessies" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "KlasCement koppelen" })).ToBeVisibleAsync();

            await page.GotoAsync($"{portal.Url}/no-such-page");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Pagina niet gevonden");
        }, locale: "nl-BE");
    }

    [Fact]
    public async Task An_English_browser_sees_English_until_the_person_switches_to_Dutch_which_is_remembered()
    {
        await using var portal = await PortalProcess.StartAsync("Development", new Dictionary<string, string?>());

        await BrowserSession.RunAsync(browser, nameof(An_English_browser_sees_English_until_the_person_switches_to_Dutch_which_is_remembered), async page =>
        {
            var start = await new StartPage(page).OpenAsync(portal.Url);
            await Expect(start.Document).ToHaveAttributeAsync("lang", "en");
            var profile = await (await start.SignInWithKlasCementAsync()).AllowAsAsync("An Peeters");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your KlasCement profile");

            await profile.Header.SwitchLanguageAsync("nl");

            Assert.EndsWith("/profile", page.Url, StringComparison.Ordinal);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Je KlasCement-profiel");
            await page.GetByRole(AriaRole.Link, new() { Name = "Mijn accounts", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mijn accounts");

            var later = await page.Context.NewPageAsync();
            await later.GotoAsync($"{portal.Url}/admin/accounts");
            await Expect(later.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Accounts");
            await Expect(later.GetByRole(AriaRole.Button, new() { Name = "Zoeken" })).ToBeVisibleAsync();
            await later.CloseAsync();

            await new StartPage(page).SwitchLanguageAsync("en");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("My accounts");
        });
    }
}
