using System.Net;
using Microsoft.Playwright;
using WebPortal.Tests.EndToEnd.Pages;
using static Microsoft.Playwright.Assertions;

namespace WebPortal.Tests.EndToEnd;

/// <summary>The admin pages in a real browser, in the Development sandbox as `dotnet run` starts it.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class AdminBrowserTests(BrowserFixture browser)
{
    private static readonly string[] Actions = ["refresh", "unlink", "grant-admin", "revoke-admin", "delete", "end-sessions"];

    private static readonly bool[] WithAndWithoutToken = [true, false];

    [Fact]
    public async Task The_sandbox_admin_finds_a_user_forces_a_refresh_unlinks_their_account_and_sees_both_in_the_audit_log()
    {
        // An Peeters is the sandbox's admin; Jan Janssens signs in on another browser.
        await using var portal = await PortalProcess.StartAsync("Development", new Dictionary<string, string?>());
        await using (var jansBrowser = await browser.NewContextAsync())
        {
            var jansPage = await jansBrowser.NewPageAsync();
            var start = await new StartPage(jansPage).OpenAsync(portal.Url);
            await (await start.SignInWithKlasCementAsync()).AllowAsAsync("Jan Janssens");
        }

        await BrowserSession.RunAsync(browser, nameof(The_sandbox_admin_finds_a_user_forces_a_refresh_unlinks_their_account_and_sees_both_in_the_audit_log), async page =>
        {
            var start = await new StartPage(page).OpenAsync(portal.Url);
            var profile = await (await start.SignInWithKlasCementAsync()).AllowAsAsync("An Peeters");
            await Expect(profile.Header.SignedInUser).ToHaveTextAsync("An Peeters");

            var accounts = await new AdminAccountsPage(page).OpenFromHeaderAsync();
            await Expect(accounts.Rows).ToHaveCountAsync(2);
            await accounts.SearchAsync("jan");
            await Expect(accounts.Rows).ToHaveCountAsync(1);
            await Expect(accounts.Row("Jan Janssens")).ToContainTextAsync("61f0d2c7e9a41");

            var jan = await accounts.OpenAsync("Jan Janssens");
            await Expect(jan.Name).ToHaveTextAsync("Jan Janssens");
            await Expect(jan.Connection("KlasCement")).ToContainTextAsync("Connected");

            var refreshConfirmation = await jan.RefreshNowAsync("KlasCement");
            await Expect(refreshConfirmation.Confirmation).ToContainTextAsync("Are you sure?");
            jan = await refreshConfirmation.ConfirmAsync();
            await Expect(jan.Outcome).ToContainTextAsync("The KlasCement access token was refreshed. It now expires at");
            await Expect(jan.Connection("KlasCement")).ToContainTextAsync("Refreshed");

            var unlinkConfirmation = await jan.UnlinkAsync("KlasCement");
            await Expect(unlinkConfirmation.Confirmation).ToContainTextAsync("Unlink the KlasCement account?");
            jan = await unlinkConfirmation.ConfirmAsync();
            await Expect(jan.Outcome).ToHaveTextAsync("The KlasCement account was unlinked and its tokens were removed.");
            await Expect(jan.Connections).ToHaveCountAsync(0);

            // The audit log is another page of the admin area: entries carry data-testid=audit-entry and data-action.
            var audit = await jan.OpenAuditAsync();
            await Expect(audit.EntriesOf("RefreshForced")).ToHaveCountAsync(1);
            await Expect(audit.EntriesOf("Unlinked")).ToHaveCountAsync(1);
            await Expect(audit.EntriesOf("RefreshForced")).ToContainTextAsync("An Peeters");
            await Expect(audit.EntriesOf("Unlinked")).ToContainTextAsync("Jan Janssens");
        });
    }

    [Fact]
    public async Task In_the_sandbox_a_person_who_is_not_an_admin_gets_the_403_page_for_admin_pages_and_admin_posts()
    {
        await using var portal = await PortalProcess.StartAsync("Development", new Dictionary<string, string?>());

        await BrowserSession.RunAsync(browser, nameof(In_the_sandbox_a_person_who_is_not_an_admin_gets_the_403_page_for_admin_pages_and_admin_posts), async page =>
        {
            var start = await new StartPage(page).OpenAsync(portal.Url);
            var profile = await (await start.SignInWithKlasCementAsync()).AllowAsAsync("Jan Janssens");
            await Expect(profile.Header.SignedInUser).ToHaveTextAsync("Jan Janssens");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true })).ToHaveCountAsync(0);

            // The policy is checked before anything else: whose account the URL names makes no difference.
            var someone = Guid.NewGuid();
            foreach (var path in new[] { "/admin/accounts", "/admin/accounts?q=an", $"/admin/accounts/{someone}", $"/admin/accounts/{someone}/delete", $"/admin/accounts/{someone}/unlink?provider=KlasCement" })
            {
                var response = await page.GotoAsync($"{portal.Url}{path}");
                Assert.Equal((int)HttpStatusCode.Forbidden, response!.Status);
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You do not have access to this page" })).ToBeVisibleAsync();
                await Expect(page.GetByText("This page is for the portal's administrators")).ToBeVisibleAsync();
            }

            // Posts from Jan's browser, with his cookies and a valid anti-forgery token of his, and without one.
            await page.GotoAsync(portal.Url);
            var token = await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
            foreach (var action in Actions)
            {
                foreach (var withToken in WithAndWithoutToken)
                {
                    var form = page.Context.APIRequest.CreateFormData();
                    form.Set("provider", "KlasCement");
                    form.Set("confirmed", "true");
                    if (withToken)
                    {
                        form.Set("__RequestVerificationToken", token!);
                    }

                    var answer = await page.Context.APIRequest.PostAsync($"{portal.Url}/admin/accounts/{someone}/{action}", new() { Form = form, MaxRedirects = 0 });
                    Assert.True(answer.Status == (int)HttpStatusCode.Forbidden, $"POST {action} (token: {withToken}) answered {answer.Status}");
                    Assert.Contains("You do not have access to this page", await answer.TextAsync(), StringComparison.Ordinal);
                }
            }
        });
    }
}
