using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using WebPortal.Sandbox.KlasCement;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Observability;

/// <summary><c>/metrics</c>: off by default, for the scraper's bearer token only when on, with the portal's own metrics.</summary>
public sealed class MetricsEndpointTests
{
    private const string ScrapeToken = "scrape-token-0123456789abcdef0123456789";

    private static readonly Dictionary<string, string?> MetricsOn = new()
    {
        ["Metrics:Enabled"] = "true",
        ["Metrics:ScrapeToken"] = ScrapeToken,
    };

    [Fact]
    public async Task There_are_no_metrics_unless_they_are_switched_on()
    {
        await using var harness = await PortalHarness.StartAsync();

        using var answer = await ScrapeAsync(harness, ScrapeToken);

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-the-scrape-token-0123456789abcdef")]
    [InlineData("scrape-token-0123456789abcdef012345678")]
    public async Task Without_the_scrape_token_the_metrics_are_refused(string? token)
    {
        await using var harness = await PortalHarness.StartAsync(MetricsOn);

        using var answer = await ScrapeAsync(harness, token);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Equal("Bearer", answer.Headers.WwwAuthenticate.ToString());
        Assert.DoesNotContain("webportal_", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_metrics_count_refreshes_by_provider_and_outcome_and_time_the_calls_to_the_provider()
    {
        await using var harness = await PortalHarness.StartAsync(MetricsOn);
        var browser = harness.NewSession();
        await browser.SignInAsync();
        await harness.ExpireStoredAccessTokensAsync();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/profile")).Status);

        // A fresh-clone CI run once scraped the refresh counted but not yet its wait: scrape until both are there.
        var metrics = await ScrapeUntilAsync(harness, text =>
            text.Contains("webportal_token_refreshes", StringComparison.Ordinal)
            && text.Contains("webportal_token_refresh_wait_seconds_count", StringComparison.Ordinal));

        Assert.Matches("""webportal_token_refreshes_total\{[^}]*outcome="refreshed",provider="KlasCement"[^}]*\} 1""", metrics);
        Assert.Matches("""webportal_token_refresh_wait_seconds_count\{[^}]*provider="KlasCement"[^}]*\} 1""", metrics);
        Assert.Matches("""webportal_upstream_duration_seconds_count\{[^}]*provider="KlasCement",result="success"[^}]*\} [1-9]""", metrics);
        Assert.Matches("""webportal_sessions_active(\{[^}]*\})? [0-9]+""", metrics);
        Assert.All(harness.KlasCement.Secrets, secret => Assert.DoesNotContain(secret, metrics, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_provider_that_fails_is_counted_as_an_upstream_failure()
    {
        await using var harness = await PortalHarness.StartAsync(MetricsOn);
        var browser = harness.NewSession();
        await browser.SignInAsync();
        await harness.ExpireStoredAccessTokensAsync();
        harness.Sandbox.RefreshEndpoint = SandboxBehaviour.ServerError;

        await browser.GetAsync("/profile");

        var metrics = await ScrapeUntilAsync(harness, text => text.Contains("webportal_upstream_failures", StringComparison.Ordinal));
        Assert.Matches("""webportal_upstream_failures_total\{[^}]*failure="status_5xx",provider="KlasCement"[^}]*\} [1-9]""", metrics);
        Assert.Matches("""webportal_token_refreshes_total\{[^}]*outcome="failed",provider="KlasCement"[^}]*\} 1""", metrics);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("too-short")]
    public async Task Metrics_switched_on_without_a_long_scrape_token_stop_start_up_naming_the_key(string? token)
    {
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var portal = new PortalFactory(klasCement, new Dictionary<string, string?> { ["Metrics:Enabled"] = "true", ["Metrics:ScrapeToken"] = token });

        Assert.ThrowsAny<Exception>(() => portal.Server);

        var critical = Assert.Single(portal.Logs.Entries, e => e.Level == LogLevel.Critical);
        Assert.Contains("Metrics:ScrapeToken must be at least 32 characters when Metrics:Enabled is true.", critical.PlainMessage, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> ScrapeAsync(PortalHarness harness, string? token)
    {
        var client = harness.Portal.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request);
    }

    /// <summary>The exporter caches its answer briefly: scrape until what was just recorded is in it.</summary>
    private static async Task<string> ScrapeUntilAsync(PortalHarness harness, Func<string, bool> complete)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            using var answer = await ScrapeAsync(harness, ScrapeToken);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            var text = await answer.Content.ReadAsStringAsync(deadline.Token);
            if (complete(text))
            {
                return text;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
        }
    }
}
