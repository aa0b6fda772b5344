using Microsoft.Playwright;

namespace WebPortal.Tests.EndToEnd.Pages;

/// <summary>One account on the admin pages, <c>/admin/accounts/{userId}</c>, and its actions.</summary>
public sealed class AdminAccountPage(IPage page)
{
    public ILocator Account => page.GetByTestId("admin-account");

    public ILocator Name => Account.GetByTestId("admin-account-name");

    /// <summary>What came of the last action.</summary>
    public ILocator Outcome => page.GetByTestId("admin-outcome");

    public ILocator Connection(string provider) => page.Locator($"[data-testid=admin-connection][data-provider={provider}]");

    public ILocator Connections => page.GetByTestId("admin-connection");

    public async Task<AdminConfirmPage> RefreshNowAsync(string provider)
    {
        await Connection(provider).GetByTestId("admin-refresh").ClickAsync();
        return await AdminConfirmPage.ArrivedAsync(page, "Refresh");
    }

    public async Task<AdminConfirmPage> UnlinkAsync(string provider)
    {
        await Connection(provider).GetByTestId("admin-unlink").ClickAsync();
        return await AdminConfirmPage.ArrivedAsync(page, "Unlink");
    }

    public async Task<AdminAuditPage> OpenAuditAsync()
    {
        await page.GetByTestId("admin-audit-link").ClickAsync();
        await page.ArrivedAtAsync("**/admin/audit?user=*");
        return new AdminAuditPage(page);
    }
}

/// <summary>"Are you sure …?" before an admin action.</summary>
public sealed class AdminConfirmPage(IPage page)
{
    public ILocator Confirmation => page.GetByTestId("admin-confirm");

    internal static async Task<AdminConfirmPage> ArrivedAsync(IPage page, string action)
    {
        var confirm = new AdminConfirmPage(page);
        await page.Locator($"[data-testid=admin-confirm][data-action={action}]").WaitForAsync();
        return confirm;
    }

    public async Task<AdminAccountPage> ConfirmAsync()
    {
        await Confirmation.GetByTestId("admin-confirm-button").ClickAsync();
        await page.ArrivedAtAsync("**/admin/accounts/*?outcome=**");
        await page.GetByTestId("admin-outcome").WaitForAsync();
        return new AdminAccountPage(page);
    }
}
