using System.Net;
using WebPortal.Sandbox;
using WebPortal.Sandbox.MyOrganizer;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Security;

/// <summary>
/// Every sign-in start leaves a correlation cookie (and for MyOrganizer a nonce cookie) for its callback. Abandoned
/// starts must not pile them up until the callback's Cookie header passes Kestrel's 32 KB limit and the sign-in that
/// finally completes gets 431 Request Header Fields Too Large.
/// </summary>
public sealed class AbandonedSignInTests
{
    private const int AbandonedStarts = 100;

    /// <summary>What the browser may send in one Cookie header: far below Kestrel's 32 KB.</summary>
    private const int CookieHeaderBound = 4 * 1024;

    [Fact]
    public async Task After_100_abandoned_starts_with_each_provider_both_sign_ins_complete_and_the_Cookie_header_stays_small()
    {
        var port = LoopbackPort.Free();
        var origin = new Uri($"http://localhost:{port}");
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var myOrganizer = await MyOrganizerSandboxHost.StartAsync([new Uri(origin, "/signin-myorganizer").ToString()]);

        // Kestrel rather than the in-memory test server, for its real header limit; Development, for plain http.
        await using var portal = new PortalFactory(klasCement, MyOrganizerSandboxSettings.For(myOrganizer), environment: "Development", kestrelPort: port);
        portal.StartServer();

        // Unlike CookieContainer's default of 20, a browser keeps well over a hundred cookies per site.
        using var browser = new PortalSession(portal, new CookieContainer(capacity: 5000, perDomainCapacity: 1000, maxCookieSize: 4096), origin);

        for (var start = 0; start < AbandonedStarts; start++)
        {
            await browser.StartSignInAsync(provider: "KlasCement");
        }

        var profile = await browser.SignInAsync(Members.JanJanssens);
        await browser.SignOutAsync();

        for (var start = 0; start < AbandonedStarts; start++)
        {
            await browser.StartSignInAsync(provider: "MyOrganizer");
        }

        var agenda = await browser.SignInWithMyOrganizerAsync(Customers.LotteMaes);

        var tooLarge = browser.Exchanges.Where(exchange => exchange.Status == HttpStatusCode.RequestHeaderFieldsTooLarge).ToList();
        Assert.True(tooLarge.Count == 0, $"{tooLarge.Count} requests got 431, the first: {tooLarge.FirstOrDefault()?.Method} {tooLarge.FirstOrDefault()?.Path} with a Cookie header of {tooLarge.FirstOrDefault()?.CookieHeaderLength} characters.");
        var largest = browser.Exchanges.MaxBy(exchange => exchange.CookieHeaderLength)!;
        Assert.True(largest.CookieHeaderLength <= CookieHeaderBound, $"{largest.Method} {largest.Path} sent a Cookie header of {largest.CookieHeaderLength} characters.");
        Assert.Contains("Jan Janssens", profile.Text, StringComparison.Ordinal);
        Assert.Contains("Lotte Maes", agenda.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("KlasCement")]
    [InlineData("MyOrganizer")]
    public async Task Two_sign_ins_started_in_two_tabs_both_complete(string provider)
    {
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var harness = await MyOrganizerHarness.StartAsync(klasCement: klasCement);
        var browser = harness.NewSession();

        var firstTab = await browser.StartSignInAsync(provider: provider);
        var secondTab = await browser.StartSignInAsync(provider: provider);

        foreach (var tab in new[] { secondTab, firstTab })
        {
            var callback = provider == "KlasCement" ? await browser.ConsentAsync(tab) : await browser.AnswerMyOrganizerAsync(tab);
            var page = await browser.GetAsync(callback.PathAndQuery);
            Assert.Contains(provider == "KlasCement" ? "An Peeters" : "Lotte Maes", page.Text, StringComparison.Ordinal);
        }
    }
}
