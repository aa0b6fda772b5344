using Microsoft.Playwright;

namespace WebPortal.Tests.EndToEnd.Pages;

/// <summary>The KlasCement stand-in's consent screen.</summary>
public sealed class KlasCementConsentPage(IPage page)
{
    public async Task<ProfilePage> AllowAsAsync(string memberName)
    {
        await page.GetByLabel(memberName).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();
        await page.ArrivedAtAsync("**/profile");
        return new ProfilePage(page);
    }

    public async Task<SignInErrorPage> DenyAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Deny" }).ClickAsync();
        await page.ArrivedAtAsync("**/account/signin-error**");
        return new SignInErrorPage(page);
    }
}
