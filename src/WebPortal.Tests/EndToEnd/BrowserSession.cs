using Microsoft.Playwright;

namespace WebPortal.Tests.EndToEnd;

/// <summary>
/// A fresh browser context for one test; keeps a screenshot when the test fails, and fails it when the browser
/// refused anything under the portal's content security policy (Chromium says so on the console).
/// </summary>
public static class BrowserSession
{
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public static async Task RunAsync(BrowserFixture fixture, string testName, Func<IPage, Task> test, string locale = "en")
    {
        await using var context = await fixture.NewContextAsync(locale);
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                lock (violations)
                {
                    violations.Add($"{message.Location}: {message.Text}");
                }
            }
        };
        // Generous: on a two-core CI machine the browser, the portal and the stand-in share the CPU with other tests.
        page.SetDefaultTimeout(30_000);
        Assertions.SetDefaultExpectTimeout(15_000);
        try
        {
            await test(page);
            lock (violations)
            {
                Assert.True(violations.Count == 0, $"The browser refused content under the content security policy:\n{string.Join('\n', violations)}");
            }
        }
        catch
        {
            Directory.CreateDirectory(ScreenshotDirectory);
            var path = Path.Combine(ScreenshotDirectory, $"{testName}-{DateTime.UtcNow:yyyyMMddHHmmss}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
            Console.Error.WriteLine($"Browser test {testName} failed; screenshot kept at {path} (page was {page.Url}).");
            throw;
        }
    }
}
