using WebPortal.Sandbox.KlasCement;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Providers.KlasCement;

/// <summary>KlasCement's token travels in the member endpoint's query: the logs show that query redacted, and no page shows the token.</summary>
public sealed class KlasCementSecretsTests
{
    [Fact]
    public async Task The_token_in_the_member_endpoints_query_is_redacted_in_the_logs_and_never_on_a_page()
    {
        await using var harness = await PortalHarness.StartAsync(new Dictionary<string, string?> { ["ProviderHttp:Timeout"] = "00:00:01" });
        var browser = harness.NewSession();

        // The member endpoint with a good token, one it times out on, and one it refuses even after a refresh.
        var pages = new List<PortalPage> { await browser.SignInAsync(), await browser.GetAsync("/") };
        harness.Sandbox.ProfileEndpoint = SandboxBehaviour.Slow;
        pages.Add(await browser.GetAsync("/profile"));
        harness.Sandbox.ProfileEndpoint = SandboxBehaviour.Unauthorized;
        pages.Add(await browser.GetAsync("/profile"));

        var logs = harness.Portal.Logs.Entries;
        Assert.Contains(logs, entry => entry.Message.Contains("access_token=*", StringComparison.Ordinal));
        foreach (var secret in harness.KlasCement.Secrets)
        {
            var leak = logs.FirstOrDefault(entry => entry.AllText.Contains(secret, StringComparison.Ordinal));
            Assert.True(leak is null, $"A secret leaked into a log line of {leak?.Category}: {leak?.Message}");
            Assert.All(pages, page => Assert.DoesNotContain(secret, page.Html, StringComparison.Ordinal));
        }
    }
}
