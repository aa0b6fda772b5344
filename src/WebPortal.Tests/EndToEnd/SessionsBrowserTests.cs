using WebPortal.Authentication;
using WebPortal.Tests.EndToEnd.Pages;
using static Microsoft.Playwright.Assertions;

namespace WebPortal.Tests.EndToEnd;

/// <summary>Server-side sessions in a real browser, against the portal as `dotnet run` starts it.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class SessionsBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_session_ended_from_a_second_browser_is_refused_in_the_first_and_the_cookie_stays_under_200_bytes_with_both_providers()
    {
        await using var portal = await PortalProcess.StartAsync("Development", new Dictionary<string, string?>());

        await BrowserSession.RunAsync(browser, nameof(A_session_ended_from_a_second_browser_is_refused_in_the_first_and_the_cookie_stays_under_200_bytes_with_both_providers), async page =>
        {
            var start = await new StartPage(page).OpenAsync(portal.Url);
            await (await start.SignInWithKlasCementAsync()).AllowAsAsync("Jan Janssens");
            var accounts = await MyAccountsPage.OpenFromHeaderAsync(page);
            await accounts.ConnectMyOrganizerAsAsync("Lotte Maes");
            await Expect(accounts.Connection("MyOrganizer")).ToHaveAttributeAsync("data-state", "Active");
            var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == AuthenticationExtensions.SessionCookieName);
            Assert.True(cookie.Name.Length + cookie.Value.Length <= 200, $"The session cookie is {cookie.Name.Length + cookie.Value.Length} bytes.");
            await Expect(accounts.Sessions).ToHaveCountAsync(1);
            await Expect(accounts.Sessions).ToHaveAttributeAsync("data-current", "true");

            await using (var second = await browser.NewContextAsync())
            {
                var secondPage = await second.NewPageAsync();
                await (await (await new StartPage(secondPage).OpenAsync(portal.Url)).SignInWithKlasCementAsync()).AllowAsAsync("Jan Janssens");
                var secondAccounts = await MyAccountsPage.OpenFromHeaderAsync(secondPage);
                await Expect(secondAccounts.Sessions).ToHaveCountAsync(2);

                await secondAccounts.EndTheOtherSessionAsync();

                await Expect(secondAccounts.Notice).ToHaveAttributeAsync("data-notice", "SessionEnded");
                await Expect(secondAccounts.Sessions).ToHaveCountAsync(1);
            }

            await page.ReloadAsync();
            await page.ArrivedAtAsync("**/?ReturnUrl=%2Faccount");
            await Expect(page.GetByText("Not signed in", new() { Exact = true })).ToBeVisibleAsync();
        });
    }
}
