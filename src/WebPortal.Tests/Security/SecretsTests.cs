using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using WebPortal.Sandbox.KlasCement;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Security;

/// <summary>No token, code or client secret gets out: not in the database file, the cookie, a log line or a page.</summary>
public sealed class SecretsTests
{
    [Fact]
    public async Task Stored_tokens_are_not_readable_in_the_database_file()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInAsync();
        await harness.ExpireStoredAccessTokensAsync();
        await browser.GetAsync("/profile");
        var stored = await harness.StoredConnectionAsync(Members.AnPeeters);

        var database = DatabaseFiles.Read(harness.Portal.DatabasePath);

        Assert.False(database.IsEmpty);
        Assert.NotNull(stored.AccessToken);
        Assert.NotNull(stored.RefreshToken);
        foreach (var token in new[] { stored.AccessToken, stored.RefreshToken })
        {
            Assert.False(database.Contain(token), "A token is readable in the database file.");
        }

        Assert.True(database.Contain(Members.AnPeeters), "The check itself must be able to find plain text in the file.");
    }

    [Fact]
    public async Task The_session_cookie_carries_the_portal_user_and_no_provider_token()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInAsync();
        var cookie = browser.SessionCookie!;

        var cookieOptions = harness.Portal.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme);
        var ticket = cookieOptions.TicketDataFormat.Unprotect(cookie.Value)!;

        var user = Assert.Single(await harness.UsersAsync());
        Assert.Equal(user.Id.ToString("D"), ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Equal("An Peeters", ticket.Principal.FindFirstValue(ClaimTypes.Name));
        Assert.Equal(4, ticket.Principal.Claims.Count()); // user id, name, provider and the session id
        Assert.Empty(ticket.Properties.GetTokens());
        Assert.DoesNotContain(ticket.Properties.Items.Keys, key => key.StartsWith(".Token", StringComparison.Ordinal));
        var serialized = Encoding.UTF8.GetString(new TicketSerializer().Serialize(ticket));
        Assert.All(harness.KlasCement.Secrets, secret => Assert.DoesNotContain(secret, serialized, StringComparison.Ordinal));
        Assert.True(cookie.HttpOnly);
    }

    [Fact]
    public async Task Logs_never_contain_a_token_a_code_or_the_client_secret()
    {
        await using var harness = await PortalHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore"] = "Verbose",
            ["ProviderHttp:Timeout"] = "00:00:01",
        });
        var browser = harness.NewSession();

        // Everything that handles a secret: sign-in, a refresh, a 401 and its retry, failures and a refused refresh.
        await browser.SignInAsync();
        await harness.ExpireStoredAccessTokensAsync();
        await browser.GetAsync("/profile");
        harness.Sandbox.ExpireAccessTokens();
        await browser.GetAsync("/profile");
        harness.Sandbox.ProfileEndpoint = SandboxBehaviour.Slow;
        await browser.GetAsync("/profile");
        harness.Sandbox.ProfileEndpoint = SandboxBehaviour.Unauthorized;
        await browser.GetAsync("/profile");
        harness.Sandbox.ProfileEndpoint = SandboxBehaviour.Normal;
        harness.Sandbox.RefreshEndpoint = SandboxBehaviour.InvalidGrant;
        await harness.ExpireStoredAccessTokensAsync();
        await browser.GetAsync("/profile");
        harness.Sandbox.TokenEndpoint = SandboxBehaviour.ServerError;
        var second = harness.NewSession();
        await second.GetAsync((await second.ConsentAsync(await second.StartSignInAsync())).PathAndQuery);

        var logs = harness.Portal.Logs.Entries;
        Assert.True(harness.Sandbox.IssuedSecrets.Count >= 6, "The scenario must have handed out codes and tokens.");
        Assert.Contains(logs, entry => entry.Message.Contains("access_token=*", StringComparison.Ordinal));
        Assert.Contains(logs, entry => entry.Message.Contains("/signin-klascement", StringComparison.Ordinal));
        foreach (var secret in harness.KlasCement.Secrets)
        {
            var leak = logs.FirstOrDefault(entry => entry.AllText.Contains(secret, StringComparison.Ordinal));
            Assert.True(leak is null, $"A secret leaked into a log line of {leak?.Category}: {leak?.Message}");
        }
    }

    [Fact]
    public async Task Pages_never_show_a_token_or_the_client_secret()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        var pages = new List<PortalPage> { await browser.SignInAsync() };
        pages.Add(await browser.GetAsync("/"));
        harness.Sandbox.ProfileEndpoint = SandboxBehaviour.Unauthorized;
        pages.Add(await browser.GetAsync("/profile"));

        foreach (var page in pages)
        {
            Assert.All(harness.KlasCement.Secrets, secret => Assert.DoesNotContain(secret, page.Html, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Logs_and_pages_never_contain_what_an_echoing_KlasCement_sends_back_in_its_errors()
    {
        await using var harness = await PortalHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore"] = "Verbose",
        });
        var an = harness.NewSession();
        var jan = harness.NewSession();
        await an.SignInAsync(Members.AnPeeters);
        await jan.SignInAsync(Members.JanJanssens);
        var pages = new List<PortalPage>();

        // The refresh and token endpoints quote everything they were sent (refresh token, code, the decoded client
        // credentials), in error_description and then in error itself.
        harness.Sandbox.RefreshEndpoint = SandboxBehaviour.EchoingError;
        await harness.ExpireStoredAccessTokensAsync();
        pages.Add(await an.GetAsync("/profile"));
        harness.Sandbox.RefreshEndpoint = SandboxBehaviour.EchoingErrorCode;
        await harness.ExpireStoredAccessTokensAsync();
        pages.Add(await jan.GetAsync("/profile"));
        harness.Sandbox.TokenEndpoint = SandboxBehaviour.EchoingError;
        pages.Add(await harness.NewSession().SignInAsync());
        harness.Sandbox.TokenEndpoint = SandboxBehaviour.EchoingErrorCode;
        pages.Add(await harness.NewSession().SignInAsync());
        harness.Sandbox.TokenEndpoint = SandboxBehaviour.Normal;

        // The callback's error, error_description and error_uri are KlasCement's to write too.
        harness.Sandbox.CallbackError = ("server_error", $"the request carried {harness.KlasCement.ClientSecret}");
        pages.Add(await harness.NewSession().SignInAsync());
        harness.Sandbox.CallbackError = ($"server_error {harness.KlasCement.ClientSecret}", "the error itself is an echo");
        pages.Add(await harness.NewSession().SignInAsync());

        var logs = harness.Portal.Logs.Entries;
        Assert.Equal(2, harness.Sandbox.RefreshRequests);
        Assert.Contains(logs, entry => entry.AllText.Contains("error=server_error", StringComparison.Ordinal));
        foreach (var secret in harness.KlasCement.Secrets)
        {
            var leak = logs.FirstOrDefault(entry => entry.AllText.Contains(secret, StringComparison.Ordinal));
            Assert.True(leak is null, $"A secret leaked into a log line of {leak?.Category} at {leak?.Level}: {leak?.Message}\n{leak?.Exception}");
            Assert.All(pages, page => Assert.DoesNotContain(secret, page.Html, StringComparison.Ordinal));
        }
    }
}
