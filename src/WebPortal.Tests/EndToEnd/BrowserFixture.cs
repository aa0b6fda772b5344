using Microsoft.Playwright;

namespace WebPortal.Tests.EndToEnd;

/// <summary>
/// One headless Debian Chromium for all browser tests, driven by Playwright. Never a downloaded browser: the
/// machine's own <c>/usr/bin/chromium</c>, with the flags a closed network needs.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>
    /// A context of a browser set to one language, as a person's browser is; also sent by its <c>APIRequest</c>. The
    /// tests speak English unless they are about the language, whatever the machine's locale.
    /// </summary>
    public Task<IBrowserContext> NewContextAsync(string locale = "en") =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = locale,
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = locale },
        });

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Browser tests need Debian's Chromium at {ChromiumPath}: apt-get install -y chromium (.ci/run does this).");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserTestGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
