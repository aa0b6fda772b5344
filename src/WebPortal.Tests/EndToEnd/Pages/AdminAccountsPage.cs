using Microsoft.Playwright;

namespace WebPortal.Tests.EndToEnd.Pages;

/// <summary>The admin list of accounts, <c>/admin/accounts</c>.</summary>
public sealed class AdminAccountsPage(IPage page)
{
    public ILocator List => page.GetByTestId("admin-accounts");

    public ILocator Rows => page.GetByTestId("admin-account-row");

    /// <summary>Follows the header's "Admin" link, as an admin finds the pages.</summary>
    public async Task<AdminAccountsPage> OpenFromHeaderAsync()
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true }).ClickAsync();
        await page.ArrivedAtAsync("**/admin/accounts");
        await List.WaitForAsync();
        return this;
    }

    public async Task<AdminAccountsPage> SearchAsync(string text)
    {
        var search = page.GetByTestId("admin-search");
        await search.GetByRole(AriaRole.Searchbox).FillAsync(text);
        await search.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.ArrivedAtAsync("**/admin/accounts?q=**");
        await List.WaitForAsync();
        return this;
    }

    public ILocator Row(string displayName) => Rows.Filter(new() { Has = page.GetByTestId("admin-account-name").GetByText(displayName, new() { Exact = true }) });

    public async Task<AdminAccountPage> OpenAsync(string displayName)
    {
        await Row(displayName).GetByTestId("admin-account-name").ClickAsync();
        await page.ArrivedAtAsync("**/admin/accounts/*");
        await page.GetByTestId("admin-account").WaitForAsync();
        return new AdminAccountPage(page);
    }
}
