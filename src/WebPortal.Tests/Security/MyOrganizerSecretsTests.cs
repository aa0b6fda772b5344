using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using WebPortal.Authentication;
using WebPortal.Authentication.ExternalSignIn;
using WebPortal.Sandbox.Gateway;
using WebPortal.Sandbox.MyOrganizer;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Security;

/// <summary>MyOrganizer's codes, tokens and client secret stay out of the database file, the cookie, the logs and the pages.</summary>
public sealed class MyOrganizerSecretsTests
{
    [Fact]
    public async Task The_session_cookie_of_a_MyOrganizer_sign_in_carries_the_portal_user_and_no_provider_token()
    {
        await using var harness = await MyOrganizerHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInWithMyOrganizerAsync();
        var cookie = browser.SessionCookie!;

        var cookieOptions = harness.Portal.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme);
        var ticket = cookieOptions.TicketDataFormat.Unprotect(cookie.Value)!;

        var user = Assert.Single(await harness.UsersAsync());
        Assert.Equal(user.Id.ToString("D"), ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Equal("Lotte Maes", ticket.Principal.FindFirstValue(ClaimTypes.Name));
        Assert.Equal("MyOrganizer", ticket.Principal.FindFirstValue(PortalClaims.SignInProvider));
        Assert.Equal(4, ticket.Principal.Claims.Count()); // user id, name, provider and the session id
        Assert.Empty(ticket.Properties.GetTokens());
        Assert.DoesNotContain(ticket.Properties.Items.Keys, key => key.StartsWith(".Token", StringComparison.Ordinal));
        var serialized = Encoding.UTF8.GetString(new TicketSerializer().Serialize(ticket));
        Assert.All(harness.Secrets, secret => Assert.DoesNotContain(secret, serialized, StringComparison.Ordinal));
        Assert.DoesNotContain("code_verifier", serialized, StringComparison.Ordinal);
        Assert.True(cookie.HttpOnly);
    }

    [Fact]
    public async Task MyOrganizer_tokens_are_not_readable_in_the_database_file()
    {
        await using var harness = await MyOrganizerHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInWithMyOrganizerAsync();
        await harness.ExpireStoredAccessTokensAsync();
        await browser.GetAsync("/agenda");
        var stored = await harness.StoredConnectionAsync(Customers.LotteMaes);

        var database = DatabaseFiles.Read(harness.Portal.DatabasePath);

        Assert.Equal(1, harness.B2C.RefreshRequests);
        foreach (var token in new[] { stored.AccessToken!, stored.RefreshToken! })
        {
            Assert.False(database.Contain(token), "A token is readable in the database file.");
        }

        Assert.True(database.Contain(Customers.LotteMaes), "The check itself must be able to find plain text in the file.");
    }

    [Fact]
    public async Task Logs_and_pages_never_contain_a_MyOrganizer_code_token_or_secret()
    {
        await using var harness = await MyOrganizerHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore"] = "Verbose",
            ["ProviderHttp:Timeout"] = "00:00:02",
        });
        var browser = harness.NewSession();

        // Everything that handles a secret: sign-in, a refresh, a 401 and its retry, API failures, a refused
        // refresh, a spoiled id_token, a failing token endpoint and the gateway's app token.
        var pages = new List<PortalPage> { await browser.SignInWithMyOrganizerAsync() };
        await harness.ExpireStoredAccessTokensAsync();
        pages.Add(await browser.GetAsync("/agenda"));
        harness.Gateway.RevokeBearerToken((await harness.StoredConnectionAsync(Customers.LotteMaes)).AccessToken!);
        pages.Add(await browser.GetAsync("/agenda"));
        harness.Gateway.AppointmentsBehaviour = AppointmentsBehaviour.ServerError;
        pages.Add(await browser.GetAsync("/agenda"));
        harness.Gateway.AppointmentsBehaviour = AppointmentsBehaviour.Normal;
        pages.Add(await browser.GetAsync("/health/ready"));
        harness.B2C.RevokeRefreshTokens();
        await harness.ExpireStoredAccessTokensAsync();
        pages.Add(await browser.GetAsync("/agenda"));
        harness.B2C.IdTokenFault = WebPortal.Sandbox.MyOrganizer.IdTokenFault.WrongAudience;
        pages.Add(await harness.NewSession().SignInWithMyOrganizerAsync(Customers.PieterClaes));
        harness.B2C.IdTokenFault = WebPortal.Sandbox.MyOrganizer.IdTokenFault.None;
        harness.B2C.TokenEndpoint = WebPortal.Sandbox.MyOrganizer.B2CEndpointBehaviour.ServerError;
        pages.Add(await harness.NewSession().SignInWithMyOrganizerAsync(Customers.SofieWouters));

        var logs = harness.Portal.Logs.Entries;
        Assert.True(harness.B2C.IssuedSecrets.Count >= 10, "The scenario must have handed out codes and tokens.");
        Assert.Contains(logs, entry => entry.Message.Contains("/signin-myorganizer", StringComparison.Ordinal));
        Assert.Contains(logs, entry => entry.Id.Id == PortalSignInCompletion.SignInFailedEventId);
        foreach (var secret in harness.Secrets)
        {
            var leak = logs.FirstOrDefault(entry => entry.AllText.Contains(secret, StringComparison.Ordinal));
            Assert.True(leak is null, $"A secret leaked into a log line of {leak?.Category}: {leak?.Message}");
            Assert.All(pages, page => Assert.DoesNotContain(secret, page.Html, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Logs_and_pages_never_contain_what_an_echoing_MyOrganizer_sends_back_in_its_errors()
    {
        await using var harness = await MyOrganizerHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore"] = "Verbose",
        });
        var lotte = harness.NewSession();
        var pieter = harness.NewSession();
        await lotte.SignInWithMyOrganizerAsync(Customers.LotteMaes);
        await pieter.SignInWithMyOrganizerAsync(Customers.PieterClaes);
        var pages = new List<PortalPage>();

        // The token endpoint quotes everything it was sent (code, code_verifier, client_secret, refresh_token), in
        // error_description and then in error itself, at a refresh and at a sign-in's code exchange.
        harness.B2C.TokenEndpoint = B2CEndpointBehaviour.EchoingError;
        await harness.ExpireStoredAccessTokensAsync();
        pages.Add(await lotte.GetAsync("/agenda"));
        pages.Add(await harness.NewSession().SignInWithMyOrganizerAsync(Customers.SofieWouters));
        harness.B2C.TokenEndpoint = B2CEndpointBehaviour.EchoingErrorCode;
        await harness.ExpireStoredAccessTokensAsync();
        pages.Add(await pieter.GetAsync("/agenda"));
        pages.Add(await harness.NewSession().SignInWithMyOrganizerAsync(Customers.SofieWouters));
        harness.B2C.TokenEndpoint = B2CEndpointBehaviour.Normal;

        // The callback's error, error_description and error_uri are B2C's to write too.
        harness.B2C.CallbackError = ("invalid_request", $"AADB2C90006: the request carried {harness.B2C.Options.ClientSecret}");
        pages.Add(await harness.NewSession().SignInWithMyOrganizerAsync(Customers.SofieWouters));
        harness.B2C.CallbackError = ($"invalid_request {harness.B2C.Options.ClientSecret}", "AADB2C90006: the error itself is an echo");
        pages.Add(await harness.NewSession().SignInWithMyOrganizerAsync(Customers.SofieWouters));
        harness.B2C.CallbackError = null;

        // The gateway's app-token endpoint echoes the app key and secret.
        harness.Gateway.TokenBehaviour = GatewayTokenBehaviour.EchoingError;
        pages.Add(await lotte.GetAsync("/health/ready"));
        harness.Gateway.TokenBehaviour = GatewayTokenBehaviour.EchoingErrorCode;
        pages.Add(await lotte.GetAsync("/health/ready"));

        var logs = harness.Portal.Logs.Entries;
        Assert.Equal(4, harness.B2C.TokenRequests.Count(r => r.GrantType == "authorization_code"));
        Assert.Equal(2, harness.B2C.RefreshRequests);
        Assert.Contains(logs, entry => entry.AllText.Contains("AADB2C90080", StringComparison.Ordinal));
        Assert.Contains(logs, entry => entry.AllText.Contains("AADB2C90006", StringComparison.Ordinal));
        AssertNoSecretIn(harness.Secrets, logs, pages);
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
