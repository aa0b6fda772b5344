using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging.Testing;
using WebPortal.Authentication.ExternalSignIn;
using WebPortal.Sandbox.Gateway;
using WebPortal.Sandbox.MyOrganizer;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Providers.MyOrganizer;

/// <summary>
/// What only MyOrganizer handles stays out of the logs and the pages: the gateway's app secret, an id_token, an error
/// posted to the callback. The secrets every provider handles are <see cref="ProviderContractTests"/>'.
/// </summary>
public sealed class MyOrganizerSecretsTests
{
    [Fact]
    public async Task Logs_and_pages_never_contain_the_gateways_app_secret_or_what_a_spoiled_id_token_carried()
    {
        await using var harness = await MyOrganizerHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore"] = "Verbose",
        });
        var browser = harness.NewSession();

        // What only MyOrganizer handles: the gateway's app token (the readiness check asks for one) and an id_token.
        var pages = new List<PortalPage> { await browser.SignInWithMyOrganizerAsync(), await browser.GetAsync("/health/ready") };
        harness.B2C.IdTokenFault = IdTokenFault.WrongAudience;
        pages.Add(await harness.NewSession().SignInWithMyOrganizerAsync(Customers.PieterClaes));

        Assert.True(harness.B2C.IssuedSecrets.Count >= 6, "The scenario must have handed out codes and tokens.");
        Assert.Contains(harness.Portal.Logs.Entries, entry => entry.Id.Id == PortalSignInCompletion.SignInFailedEventId);
        AssertNoSecretIn(harness.Secrets, harness.Portal.Logs.Entries, pages);
    }

    [Fact]
    public async Task Logs_and_pages_never_contain_what_an_echoing_gateway_sends_back_in_its_errors()
    {
        await using var harness = await MyOrganizerHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore"] = "Verbose",
        });
        var browser = harness.NewSession();
        var pages = new List<PortalPage> { await browser.SignInWithMyOrganizerAsync() };

        // The gateway's app-token endpoint echoes the app key and secret.
        harness.Gateway.TokenBehaviour = GatewayTokenBehaviour.EchoingError;
        pages.Add(await browser.GetAsync("/health/ready"));
        harness.Gateway.TokenBehaviour = GatewayTokenBehaviour.EchoingErrorCode;
        pages.Add(await browser.GetAsync("/health/ready"));

        Assert.NotEmpty(harness.Gateway.Grants);
        AssertNoSecretIn(harness.Secrets, harness.Portal.Logs.Entries, pages);
    }

    [Fact]
    public async Task An_error_posted_to_the_callback_reaches_no_log_line_beyond_its_codes()
    {
        await using var harness = await MyOrganizerHarness.StartAsync();
        var browser = harness.NewSession();
        var authorize = await browser.StartSignInAsync(provider: "MyOrganizer");
        var echoed = $"echoed-{Guid.NewGuid():N}";

        // The framework's OpenID Connect handler also takes a form post on its callback (response_mode=form_post),
        // whatever the portal asked for: a real state and correlation cookie, and then any text.
        using var response = await browser.Portal.PostAsync(
            MyOrganizerHarness.Callback,
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["state"] = QueryHelpers.ParseQuery(authorize.Query)["state"].ToString(),
                ["error"] = "server_error",
                ["error_description"] = $"AADB2C90006: the request carried {echoed}",
                ["error_uri"] = $"https://b2c.example/{echoed}",
            }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/signin-error", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var logs = harness.Portal.Logs.Entries;
        Assert.Contains(logs, entry => entry.AllText.Contains("AADB2C90006", StringComparison.Ordinal));
        var leak = logs.FirstOrDefault(entry => entry.AllText.Contains(echoed, StringComparison.Ordinal));
        Assert.True(leak is null, $"The posted error text reached a log line of {leak?.Category} at {leak?.Level}: {leak?.Message}");
    }

    private static void AssertNoSecretIn(IEnumerable<string> secrets, IReadOnlyList<FakeLogRecord> logs, List<PortalPage> pages)
    {
        foreach (var secret in secrets)
        {
            var leak = logs.FirstOrDefault(entry => entry.AllText.Contains(secret, StringComparison.Ordinal));
            Assert.True(leak is null, $"A secret leaked into a log line of {leak?.Category} at {leak?.Level}: {leak?.Message}\n{leak?.Exception}");
            Assert.All(pages, page => Assert.DoesNotContain(secret, page.Html, StringComparison.Ordinal));
        }
    }
}
