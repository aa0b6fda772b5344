using System.Net;
using WebPortal.Infrastructure.Web;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Web;

/// <summary>Sign-in starts and callbacks are limited per client address; over the limit the portal's own 429 page.</summary>
public sealed class RateLimitingTests
{
    private const int Limit = 3;

    private static readonly IPAddress Client = IPAddress.Parse("203.0.113.10");
    private static readonly IPAddress OtherClient = IPAddress.Parse("203.0.113.20");
    private static readonly IPAddress Proxy = IPAddress.Parse("192.0.2.10");

    // A window far longer than any test, so that no permit comes back while one runs.
    private static readonly Dictionary<string, string?> Limited = new()
    {
        ["RateLimiting:Enabled"] = "true",
        ["RateLimiting:SignInPermitLimit"] = $"{Limit}",
        ["RateLimiting:Window"] = "01:00:00",
    };

    [Fact]
    public async Task Over_the_limit_a_sign_in_start_gets_the_portal_s_429_page_with_Retry_After()
    {
        await using var harness = await PortalHarness.StartAsync(Limited);
        var browser = harness.NewSession(Client);
        for (var i = 0; i < Limit; i++)
        {
            using var allowed = await browser.PostSignInStartAsync();
            Assert.Equal(HttpStatusCode.Found, allowed.StatusCode);
        }

        using var refused = await browser.PostSignInStartAsync();
        var html = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Null(refused.Headers.Location);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        Assert.Contains("Too many sign-in attempts", html, StringComparison.Ordinal);
        Assert.Contains("Please wait", html, StringComparison.Ordinal);
        Assert.Contains("Reference for support", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" at WebPortal.", html, StringComparison.Ordinal);
        Assert.Equal("no-store", refused.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Callbacks_count_towards_the_limit()
    {
        await using var harness = await MyOrganizerHarness.StartAsync(Limited, klasCement: null);
        var browser = new PortalSession(harness.Portal, peer: Client);

        var answers = new List<HttpStatusCode>();
        foreach (var callback in new[] { "/signin-myorganizer?code=x&state=y", "/signin-myorganizer?error=access_denied", "/signin-myorganizer?code=x&state=y", "/signin-myorganizer?code=x&state=y" })
        {
            using var response = await browser.Portal.GetAsync(callback);
            answers.Add(response.StatusCode);
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, answers.Take(Limit));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[Limit]);
    }

    [Fact]
    public async Task KlasCement_s_callback_counts_towards_the_limit()
    {
        await using var harness = await PortalHarness.StartAsync(Limited);
        var browser = harness.NewSession(Client);
        for (var i = 0; i < Limit; i++)
        {
            using var allowed = await browser.Portal.GetAsync("/signin-klascement?code=x&state=y");
            Assert.Equal(HttpStatusCode.Found, allowed.StatusCode);
        }

        using var refused = await browser.Portal.GetAsync("/signin-klascement?code=x&state=y");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    [Fact]
    public async Task Another_client_is_not_affected_and_other_pages_stay_open()
    {
        await using var harness = await PortalHarness.StartAsync(Limited);
        var flooding = harness.NewSession(Client);
        for (var i = 0; i <= Limit; i++)
        {
            using var _ = await flooding.PostSignInStartAsync();
        }

        var page = await harness.NewSession(OtherClient).SignInAsync(Members.JanJanssens);
        var start = await flooding.GetAsync("/");

        Assert.Equal("/profile", page.Path);
        Assert.Contains("Jan Janssens", page.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, start.Status);
    }

    [Fact]
    public async Task Under_the_limit_a_sign_in_works()
    {
        // One sign-in is one start and one callback.
        await using var harness = await PortalHarness.StartAsync(new Dictionary<string, string?>(Limited) { ["RateLimiting:SignInPermitLimit"] = "2" });

        var page = await harness.NewSession(Client).SignInAsync();

        Assert.Equal("/profile", page.Path);
        Assert.Contains("An Peeters", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_cannot_escape_the_limit_with_a_made_up_X_Forwarded_For()
    {
        await using var harness = await PortalHarness.StartAsync(new Dictionary<string, string?>(Limited)
        {
            ["ForwardedHeaders:Enabled"] = "true",
            ["ForwardedHeaders:KnownProxies:0"] = Proxy.ToString(),
        });
        var browser = harness.NewSession(Client);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i <= Limit; i++)
        {
            using var response = await browser.PostSignInStartAsync(headers: headers => headers.Add("X-Forwarded-For", $"198.51.100.{i + 1}"));
            answers.Add(response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, answers[Limit]);
    }

    [Fact]
    public async Task Behind_a_configured_proxy_each_forwarded_client_has_its_own_limit()
    {
        await using var harness = await PortalHarness.StartAsync(new Dictionary<string, string?>(Limited)
        {
            ["ForwardedHeaders:Enabled"] = "true",
            ["ForwardedHeaders:KnownProxies:0"] = Proxy.ToString(),
        });
        var browser = harness.NewSession(Proxy);

        for (var i = 0; i <= Limit; i++)
        {
            using var _ = await browser.PostSignInStartAsync(headers: headers => headers.Add("X-Forwarded-For", "198.51.100.1"));
        }

        using var sameClient = await browser.PostSignInStartAsync(headers: headers => headers.Add("X-Forwarded-For", "198.51.100.1"));
        using var otherClient = await browser.PostSignInStartAsync(headers: headers => headers.Add("X-Forwarded-For", "198.51.100.2"));

        Assert.Equal(HttpStatusCode.TooManyRequests, sameClient.StatusCode);
        Assert.Equal(HttpStatusCode.Found, otherClient.StatusCode);
    }

    [Theory]
    [InlineData("203.0.113.10", "203.0.113.10")]
    [InlineData("::ffff:203.0.113.10", "203.0.113.10")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void An_IPv4_client_is_counted_by_its_address_and_an_IPv6_client_by_its_64_network(string address, string partition) =>
        Assert.Equal(partition, RateLimitingExtensions.ClientPartition(IPAddress.Parse(address)));

    [Theory]
    [InlineData("Testing", true)]
    [InlineData("Production", true)]
    [InlineData("Development", false)]
    public async Task Rate_limiting_is_on_by_default_outside_Development(string environment, bool limited)
    {
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var portal = new PortalFactory(klasCement, new Dictionary<string, string?> { ["RateLimiting:Enabled"] = null }, environment);
        using var browser = new PortalSession(portal, peer: Client);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 31; i++)
        {
            using var response = await browser.Portal.GetAsync("/signin-klascement?code=x&state=y");
            answers.Add(response.StatusCode);
        }

        Assert.Equal(limited, answers.Contains(HttpStatusCode.TooManyRequests));
    }
}
