using Microsoft.Playwright;

namespace WebPortal.Tests.EndToEnd.Pages;

/// <summary>"My accounts" (<c>/account</c>) and its confirmation pages.</summary>
public sealed class MyAccountsPage(IPage page)
{
    /// <summary>Follows the header's "My accounts" link from any page of a signed-in person.</summary>
    public static async Task<MyAccountsPage> OpenFromHeaderAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "My accounts", Exact = true }).ClickAsync();
        await page.ArrivedAtAsync("**/account");
        return new MyAccountsPage(page);
    }

    public ILocator Accounts => page.GetByTestId("my-accounts");

    /// <summary>The provider's row; its <c>data-state</c> is <c>Active</c>, <c>NeedsReconnect</c> or <c>NotConnected</c>.</summary>
    public ILocator Connection(string provider) => page.GetByTestId($"connection-{provider}");

    /// <summary>What the page says about the action just taken; its <c>data-notice</c> names the outcome.</summary>
    public ILocator Notice => page.GetByTestId("notice");

    public StartPage Header => new(page);

    /// <summary>The rows of "My sessions"; this browser's has <c>data-current="true"</c>.</summary>
    public ILocator Sessions => page.GetByTestId("session");

    public ILocator OtherSessions => page.Locator("[data-testid=session][data-current=false]");

    /// <summary>Clicks "End session" on the one other session listed, and lands back here with the outcome.</summary>
    public async Task<MyAccountsPage> EndTheOtherSessionAsync()
    {
        await OtherSessions.GetByRole(AriaRole.Button, new() { Name = "End session" }).ClickAsync();
        await page.ArrivedAtAsync("**/account?notice=SessionEnded");
        return this;
    }

    /// <summary>Connects MyOrganizer: its B2C sign-in page, the customer, and back to "My accounts".</summary>
    public async Task<MyAccountsPage> ConnectMyOrganizerAsAsync(string customerName)
    {
        await Connection("MyOrganizer").GetByRole(AriaRole.Button, new() { Name = "Connect MyOrganizer" }).ClickAsync();
        await page.ArrivedAtAsync("**/oauth2/v2.0/authorize**");
        await page.GetByLabel(customerName).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.ArrivedAtAsync("**/account");
        return this;
    }

    /// <summary>Clicks Disconnect, confirms on the next page, and lands back here with the outcome.</summary>
    public async Task<MyAccountsPage> DisconnectAsync(string provider)
    {
        await page.GetByTestId($"disconnect-{provider}").ClickAsync();
        await page.ArrivedAtAsync($"**/account/disconnect/{provider}");
        await page.GetByTestId("confirm-disconnect").GetByTestId("confirm").ClickAsync();
        await page.ArrivedAtAsync("**/account?notice=**");
        return this;
    }

    /// <summary>Clicks "Delete my account", confirms on the next page, and lands on the start page, signed out.</summary>
    public async Task<StartPage> DeleteAccountAsync()
    {
        await page.GetByTestId("delete-account").ClickAsync();
        await page.ArrivedAtAsync("**/account/delete");
        await page.GetByTestId("confirm-delete").GetByTestId("confirm").ClickAsync();
        await page.ArrivedAtAsync("**/?notice=AccountDeleted");
        return new StartPage(page);
    }
}
