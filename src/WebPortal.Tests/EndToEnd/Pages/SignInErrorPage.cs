using Microsoft.Playwright;

namespace WebPortal.Tests.EndToEnd.Pages;

public sealed class SignInErrorPage(IPage page)
{
    public ILocator Message => page.GetByTestId("signin-error");

    public async Task<KlasCementConsentPage> TryAgainAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync();
        await page.ArrivedAtAsync("**/oauth/authorize**");
        return new KlasCementConsentPage(page);
    }
}
