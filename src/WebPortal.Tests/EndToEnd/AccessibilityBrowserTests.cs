using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using WebPortal.Tests.EndToEnd.Pages;
using static Microsoft.Playwright.Assertions;

namespace WebPortal.Tests.EndToEnd;

/// <summary>
/// axe-core, in the browser, finds no serious or critical violation on any page a person or an admin reaches: the
/// start page signed out and in, the profile, the agenda, "My accounts" and its confirmation pages, every admin page,
/// the error pages (403, 404, 429, 500, 503 and the sign-in error), in both languages.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class AccessibilityBrowserTests(BrowserFixture browser)
{
    /// <summary>
    /// The error pages by address: the portal shows the same pages when a request fails (the 503 also when its database
    /// is down, with another paragraph), and the 429 when sign-ins are rate limited.
    /// </summary>
    private static readonly (string Path, string Status)[] ErrorPages =
        [("/no-such-page", "404"), ("/error/429", "429"), ("/error/500", "500"), ("/error/503", "503")];

    [Fact]
    public async Task Every_page_passes_an_axe_scan_without_a_serious_or_critical_violation()
    {
        await using var portal = await PortalProcess.StartAsync("Development", new Dictionary<string, string?>());
        var scans = new AxeScans();

        await using (var jansBrowser = await browser.NewContextAsync())
        {
            var jansPage = await jansBrowser.NewPageAsync();
            await (await (await new StartPage(jansPage).OpenAsync(portal.Url)).SignInWithKlasCementAsync()).AllowAsAsync("Jan Janssens");
            await jansPage.GotoAsync($"{portal.Url}/admin/accounts");
            await Expect(jansPage.GetByTestId("error-page")).ToHaveAttributeAsync("data-status", "403");
            await scans.ScanAsync(jansPage, "403 error page");
        }

        await BrowserSession.RunAsync(browser, nameof(Every_page_passes_an_axe_scan_without_a_serious_or_critical_violation), async page =>
        {
            var start = await new StartPage(page).OpenAsync(portal.Url);
            await scans.ScanAsync(page, "start page, signed out");

            var signInError = await (await start.SignInWithKlasCementAsync()).DenyAsync();
            await Expect(signInError.Message).ToBeVisibleAsync();
            await scans.ScanAsync(page, "sign-in error page");

            await (await signInError.TryAgainAsync()).AllowAsAsync("An Peeters");
            await scans.ScanAsync(page, "profile");

            var accounts = await MyAccountsPage.OpenFromHeaderAsync(page);
            await scans.ScanAsync(page, "my accounts, one linked");
            await accounts.ConnectMyOrganizerAsAsync("Lotte Maes");
            await Expect(accounts.Connection("MyOrganizer")).ToHaveAttributeAsync("data-state", "Active");
            await scans.ScanAsync(page, "my accounts, both linked");
            await page.GotoAsync($"{portal.Url}/account/disconnect/MyOrganizer");
            await Expect(page.GetByTestId("confirm-disconnect").GetByTestId("confirm")).ToBeVisibleAsync();
            await scans.ScanAsync(page, "disconnect confirmation");
            await page.GotoAsync($"{portal.Url}/account/delete");
            await Expect(page.GetByTestId("confirm-delete").GetByTestId("confirm")).ToBeVisibleAsync();
            await scans.ScanAsync(page, "delete confirmation");

            await page.GotoAsync($"{portal.Url}/agenda");
            await Expect(page.GetByTestId("appointment").First).ToBeVisibleAsync();
            await scans.ScanAsync(page, "agenda");

            await page.GotoAsync(portal.Url);
            await scans.ScanAsync(page, "start page, signed in");

            var list = await new AdminAccountsPage(page).OpenFromHeaderAsync();
            await scans.ScanAsync(page, "admin accounts");
            var jan = await list.OpenAsync("Jan Janssens");
            await scans.ScanAsync(page, "admin account");
            var confirm = await jan.RefreshNowAsync("KlasCement");
            await scans.ScanAsync(page, "admin confirmation");
            jan = await confirm.ConfirmAsync();
            await Expect(jan.Outcome).ToBeVisibleAsync();
            await scans.ScanAsync(page, "admin account with an outcome");
            await jan.OpenAuditAsync();
            await scans.ScanAsync(page, "audit log");

            foreach (var (path, status) in ErrorPages)
            {
                await page.GotoAsync($"{portal.Url}{path}");
                await Expect(page.GetByTestId("error-page")).ToHaveAttributeAsync("data-status", status);
                await scans.ScanAsync(page, $"{status} error page");
            }

            await new StartPage(page).SwitchLanguageAsync("nl");
            foreach (var (path, name) in new[]
            {
                ("/", "start page"), ("/profile", "profile"), ("/agenda", "agenda"), ("/account", "my accounts"),
                ("/account/disconnect/MyOrganizer", "disconnect confirmation"), ("/account/delete", "delete confirmation"),
                ("/admin/accounts", "admin accounts"), ("/admin/audit", "audit log"),
            }.Concat(ErrorPages.Select(page => (page.Path, $"{page.Status} error page"))))
            {
                await page.GotoAsync($"{portal.Url}{path}");
                await scans.ScanAsync(page, $"{name} in Dutch");
            }
        });

        Assert.True(scans.Count >= 30, $"Only {scans.Count} pages were scanned.");
        Assert.True(scans.Serious.Count == 0, scans.Report());
    }

    /// <summary>What axe found on each page, keeping the serious and critical violations to report.</summary>
    private sealed class AxeScans
    {
        private static readonly string[] Blocking = ["serious", "critical"];

        public int Count { get; private set; }

        public List<(string Page, AxeResultItem Violation)> Serious { get; } = [];

        public async Task ScanAsync(IPage page, string name)
        {
            var result = await page.RunAxe();
            Count++;
            Serious.AddRange(result.Violations.Where(violation => Blocking.Contains(violation.Impact)).Select(violation => (name, violation)));
        }

        public string Report()
        {
            var report = new StringBuilder("axe found serious or critical violations:\n");
            foreach (var (page, violation) in Serious)
            {
                report.Append(page).Append(": ").Append(violation.Impact).Append(' ').Append(violation.Id).Append(" – ").AppendLine(violation.Help);
                foreach (var node in violation.Nodes.Take(5))
                {
                    report.Append("    ").AppendLine(node.Html);
                }
            }

            return report.ToString();
        }
    }
}
