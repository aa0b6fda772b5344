using Microsoft.Playwright;

namespace WebPortal.Tests.EndToEnd.Pages;

internal static class PageNavigation
{
    /// <summary>
    /// Waits until the browser has navigated to <paramref name="url"/> (a glob), not for that page's load event: a
    /// page that loads while the waiter is still being set up after a click and a redirect chain can leave the load
    /// wait hanging (seen on a busy two-core CI machine, with the page shown). What the test reads next waits for its
    /// own elements.
    /// </summary>
    public static Task ArrivedAtAsync(this IPage page, string url) =>
        page.WaitForURLAsync(url, new() { WaitUntil = WaitUntilState.Commit });
}
