using Microsoft.Playwright;

namespace WebPortal.Tests.EndToEnd.Pages;

public sealed class StartPage(IPage page)
{
    public async Task<StartPage> OpenAsync(string portalUrl)
    {
        await page.GotoAsync(portalUrl);
        return this;
    }

    public async Task<KlasCementConsentPage> SignInWithKlasCementAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with KlasCement" }).ClickAsync();
        await page.ArrivedAtAsync("**/oauth/authorize**");
        return new KlasCementConsentPage(page);
    }

    public async Task<MyOrganizerSignInPage> SignInWithMyOrganizerAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with MyOrganizer" }).ClickAsync();
        await page.ArrivedAtAsync("**/oauth2/v2.0/authorize**");
        return new MyOrganizerSignInPage(page);
    }

    public ILocator SignedInUser => page.GetByTestId("signed-in-user");

    /// <summary>The page's language as it declares it: <c>nl</c> or <c>en</c>.</summary>
    public ILocator Document => page.Locator("html");

    /// <summary>The switcher in the header, present on every page.</summary>
    public async Task SwitchLanguageAsync(string language)
    {
        await page.GetByTestId($"language-{language}").ClickAsync();
        await Assertions.Expect(Document).ToHaveAttributeAsync("lang", language);
    }

    public async Task SignOutAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GetByText("Not signed in", new() { Exact = true }).WaitForAsync();
    }
}
