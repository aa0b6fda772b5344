using Microsoft.Playwright;
using WebPortal.Tests.EndToEnd.Pages;
using static Microsoft.Playwright.Assertions;

namespace WebPortal.Tests.EndToEnd;

/// <summary>"My accounts" in a real browser, against the portal as `dotnet run` starts it.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class MyAccountsBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task In_the_Development_sandbox_a_person_connects_MyOrganizer_disconnects_it_and_deletes_their_account()
    {
        await using var portal = await PortalProcess.StartAsync("Development", new Dictionary<string, string?>());

        await BrowserSession.RunAsync(browser, nameof(In_the_Development_sandbox_a_person_connects_MyOrganizer_disconnects_it_and_deletes_their_account), async page =>
        {
            // Jan Janssens: An Peeters is the sandbox's admin, and the only admin may not delete their account.
            var start = await new StartPage(page).OpenAsync(portal.Url);
            var profile = await (await start.SignInWithKlasCementAsync()).AllowAsAsync("Jan Janssens");
            await Expect(profile.Name).ToHaveTextAsync("Jan Janssens");

            var accounts = await MyAccountsPage.OpenFromHeaderAsync(page);
            await Expect(accounts.Connection("KlasCement")).ToHaveAttributeAsync("data-state", "Active");
            await Expect(accounts.Connection("MyOrganizer")).ToHaveAttributeAsync("data-state", "NotConnected");

            await accounts.ConnectMyOrganizerAsAsync("Lotte Maes");
            await Expect(accounts.Connection("MyOrganizer")).ToHaveAttributeAsync("data-state", "Active");
            await Expect(accounts.Connection("KlasCement")).ToHaveAttributeAsync("data-state", "Active");
            await Expect(accounts.Header.SignedInUser).ToHaveTextAsync("Jan Janssens");

            await accounts.DisconnectAsync("MyOrganizer");
            await Expect(accounts.Notice).ToHaveAttributeAsync("data-notice", "Disconnected");
            await Expect(accounts.Connection("MyOrganizer")).ToHaveAttributeAsync("data-state", "NotConnected");
            await Expect(accounts.Connection("KlasCement")).ToHaveAttributeAsync("data-state", "Active");

            var signedOut = await accounts.DeleteAccountAsync();
            await Expect(page.GetByTestId("notice")).ToContainTextAsync("Your portal account was deleted");
            await Expect(page.GetByText("Not signed in", new() { Exact = true })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in with KlasCement" })).ToBeVisibleAsync();
            await Expect(signedOut.SignedInUser).ToHaveCountAsync(0);
        });
    }
}
