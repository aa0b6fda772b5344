using Microsoft.Playwright;

namespace WebPortal.Tests.EndToEnd.Pages;

/// <summary>The audit log, <c>/admin/audit</c>: each entry a <c>data-testid=audit-entry</c> with its action in <c>data-action</c>.</summary>
public sealed class AdminAuditPage(IPage page)
{
    public ILocator Entries => page.GetByTestId("audit-entry");

    public ILocator EntriesOf(string action) => page.Locator($"[data-testid=audit-entry][data-action={action}]");

    public async Task<AdminAuditPage> OpenAsync(string portalUrl, string query = "")
    {
        await page.GotoAsync($"{portalUrl}/admin/audit{query}");
        return this;
    }
}
