using Microsoft.Playwright;

namespace WebPortal.Tests.EndToEnd.Pages;

public sealed class ProfilePage(IPage page)
{
    public ILocator Name => page.GetByTestId("profile-name");

    public ILocator Email => page.GetByTestId("profile-email");

    public ILocator OtherFields => page.GetByTestId("profile-fields");

    public StartPage Header => new(page);
}
