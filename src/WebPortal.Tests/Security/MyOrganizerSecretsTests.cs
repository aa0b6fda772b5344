using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using WebPortal.Authentication;
using WebPortal.Sandbox.Gateway;
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
        var stored = await harness.StoredConnectionAsync(PortalSession.LotteMaes);

        var database = DatabaseFiles.Read(harness.Portal.DatabasePath);

        Assert.Equal(1, harness.B2C.RefreshRequests);
        foreach (var token in new[] { stored.AccessToken!, stored.RefreshToken! })
        {
            Assert.False(database.Contain(token), "A token is readable in the database file.");
        }

        Assert.True(database.Contain(PortalSession.LotteMaes), "The check itself must be able to find plain text in the file.");
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
        harness.Gateway.RevokeBearerToken((await harness.StoredConnectionAsync(PortalSession.LotteMaes)).AccessToken!);
        pages.Add(await browser.GetAsync("/agenda"));
        harness.Gateway.AppointmentsBehaviour = AppointmentsBehaviour.ServerError;
        pages.Add(await browser.GetAsync("/agenda"));
        harness.Gateway.AppointmentsBehaviour = AppointmentsBehaviour.Normal;
        pages.Add(await browser.GetAsync("/health/ready"));
        harness.B2C.RevokeRefreshTokens();
        await harness.ExpireStoredAccessTokensAsync();
        pages.Add(await browser.GetAsync("/agenda"));
        harness.B2C.IdTokenFault = WebPortal.Sandbox.MyOrganizer.IdTokenFault.WrongAudience;
        pages.Add(await harness.NewSession().SignInWithMyOrganizerAsync(PortalSession.PieterClaes));
        harness.B2C.IdTokenFault = WebPortal.Sandbox.MyOrganizer.IdTokenFault.None;
        harness.B2C.TokenEndpoint = WebPortal.Sandbox.MyOrganizer.B2CEndpointBehaviour.ServerError;
        pages.Add(await harness.NewSession().SignInWithMyOrganizerAsync(PortalSession.SofieWouters));

        var logs = harness.Portal.Logs.Entries;
        Assert.True(harness.B2C.IssuedSecrets.Count >= 10, "The scenario must have handed out codes and tokens.");
        Assert.Contains(logs, entry => entry.Message.Contains("/signin-myorganizer", StringComparison.Ordinal));
        Assert.Contains(logs, entry => entry.EventId.Id == 1020);
        foreach (var secret in harness.Secrets)
        {
            var leak = logs.FirstOrDefault(entry => entry.AllText.Contains(secret, StringComparison.Ordinal));
            Assert.True(leak is null, $"A secret leaked into a log line of {leak?.Category}: {leak?.Message}");
            Assert.All(pages, page => Assert.DoesNotContain(secret, page.Html, StringComparison.Ordinal));
        }
    }
}
