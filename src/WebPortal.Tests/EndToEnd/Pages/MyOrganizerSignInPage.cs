using Microsoft.Playwright;

namespace WebPortal.Tests.EndToEnd.Pages;

/// <summary>The B2C stand-in's user-flow page.</summary>
public sealed class MyOrganizerSignInPage(IPage page)
{
    public async Task<AgendaPage> SignInAsAsync(string customerName)
    {
        await page.GetByLabel(customerName).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.ArrivedAtAsync("**/agenda**");
        return new AgendaPage(page);
    }
}
