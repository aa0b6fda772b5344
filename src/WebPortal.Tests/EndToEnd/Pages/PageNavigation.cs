using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace WebPortal.Tests.EndToEnd.Pages;

internal static class PageNavigation
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Waits until the browser's address is <paramref name="url"/> (a glob: <c>**</c> any text, <c>*</c> any text
    /// without a slash, everything else literal), not for that page's load event. <c>WaitForURLAsync</c> with
    /// <c>WaitUntil = Commit</c> is not used: when the address already matches it waits for <c>load</c> instead
    /// (microsoft/playwright-dotnet#3365), which hung a test on a busy two-core CI machine with the page shown. The
    /// address is polled instead; what the test reads next waits for its own elements.
    /// </summary>
    public static Task ArrivedAtAsync(this IPage page, string url) =>
        Assertions.Expect(page).ToHaveURLAsync(GlobPattern(url), new() { Timeout = (float)Patience.TotalMilliseconds });

    private static Regex GlobPattern(string glob)
    {
        var pattern = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            if (glob[i] != '*')
            {
                pattern.Append(Regex.Escape(glob[i].ToString()));
            }
            else if (i + 1 < glob.Length && glob[i + 1] == '*')
            {
                pattern.Append(".*");
                i++;
            }
            else
            {
                pattern.Append("[^/]*");
            }
        }

        return new Regex(pattern.Append('$').ToString()); // matched by the browser, as a JavaScript regular expression: no .NET options
    }
}
