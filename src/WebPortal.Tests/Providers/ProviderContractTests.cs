using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using WebPortal.Authentication;
using WebPortal.Authentication.ExternalSignIn;
using WebPortal.Data;
using WebPortal.Sessions;
using WebPortal.Tests.Infrastructure;
using WebPortal.Tokens;

namespace WebPortal.Tests.Providers;

/// <summary>
/// What every provider does the same way, stated once: sign-in, every failed callback, refresh in a single flight,
/// the 401 retry, reconnecting, and no secret in the cookie, the database file, the logs or a page. Each provider's
/// test class inherits these facts, supplies its <see cref="ProviderUnderTest"/> and adds only its own.
/// </summary>
public abstract class ProviderContractTests
{
    /// <summary>How long a test waits for a page at most, so that a request hanging on a refresh fails the test instead.</summary>
    private static readonly TimeSpan PageDeadline = TimeSpan.FromSeconds(60);

    /// <summary>The portal's event for a provider answer that redirected, which it never follows.</summary>
    private const int RedirectLoggedEvent = 3010;

    /// <summary>Starts the portal and this provider's stand-ins, their access tokens living <paramref name="accessTokenLifetime"/> (an hour by default).</summary>
    protected abstract Task<ProviderUnderTest> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, TimeSpan? accessTokenLifetime = null);

    // Sign-in

    [Fact]
    public async Task Sign_in_lands_on_the_providers_page_and_stores_the_connection()
    {
        await using var provider = await StartAsync();
        var browser = provider.NewSession();

        var page = await provider.SignInAsync(browser);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.StartsWith(provider.LandingPath, page.Path, StringComparison.Ordinal);
        AssertShown(provider, page);
        Assert.Contains(provider.PersonName, page.Text, StringComparison.Ordinal);
        Assert.True(browser.HasSessionCookie);
        Assert.Equal(1, provider.CodeExchanges);
        var user = Assert.Single(await provider.Portal.UsersAsync());
        var connection = Assert.Single(await provider.Portal.ConnectionsAsync());
        Assert.Equal((provider.Name, provider.PersonId, user.Id, ConnectionStatus.Active), (connection.Provider, connection.ProviderUserId, connection.UserId, connection.Status));
        var stored = await provider.StoredConnectionAsync();
        Assert.Contains(stored.AccessToken, provider.Secrets);
        Assert.Contains(stored.RefreshToken, provider.Secrets);
    }

    [Fact]
    public async Task A_later_sign_in_of_the_same_person_finds_the_same_portal_user()
    {
        await using var provider = await StartAsync();
        await provider.SignInAsync(provider.NewSession());
        var first = Assert.Single(await provider.Portal.UsersAsync());

        await provider.SignInAsync(provider.NewSession());

        var user = Assert.Single(await provider.Portal.UsersAsync());
        Assert.Equal((first.Id, provider.PersonName), (user.Id, user.DisplayName));
        Assert.Equal(user.Id, Assert.Single(await provider.Portal.ConnectionsAsync()).UserId);
    }

    // Failed callbacks: each ends on the sign-in error page, with no session and nothing stored.

    [Fact]
    public async Task Declining_at_the_provider_says_sign_in_was_cancelled()
    {
        await using var provider = await StartAsync();
        var browser = provider.NewSession();

        var callback = await provider.DeclineAsync(browser, await provider.StartSignInAsync(browser));
        var page = await browser.GetAsync(callback.PathAndQuery);

        await SignInAssert.FailedAsync(provider.Portal, browser, page, "Denied", $"You did not give the portal access at {provider.Name}");
        Assert.Equal(0, provider.CodeExchanges);
    }

    [Theory]
    [InlineData("server_error")]
    [InlineData("invalid_scope")]
    public async Task Another_error_on_the_callback_says_the_provider_reported_a_problem(string error)
    {
        await using var provider = await StartAsync();
        var browser = provider.NewSession();
        var state = StateOf(await provider.StartSignInAsync(browser));

        var page = await browser.GetAsync($"{provider.CallbackPath}?error={error}&state={Uri.EscapeDataString(state)}");

        await SignInAssert.FailedAsync(provider.Portal, browser, page, "ProviderError", $"{provider.Name} reported a problem");
        Assert.Equal(0, provider.CodeExchanges);
    }

    [Fact]
    public async Task A_callback_without_a_code_is_refused()
    {
        await using var provider = await StartAsync();
        var browser = provider.NewSession();
        var state = StateOf(await provider.StartSignInAsync(browser));

        var page = await browser.GetAsync($"{provider.CallbackPath}?state={Uri.EscapeDataString(state)}");

        await SignInAssert.FailedAsync(provider.Portal, browser, page, "MissingCode", "without a sign-in code");
        Assert.Equal(0, provider.CodeExchanges);
    }

    [Theory]
    [InlineData("code=abc")]
    [InlineData("code=abc&state=forged")]
    [InlineData("error=access_denied")]
    public async Task A_callback_without_a_valid_state_is_refused(string query)
    {
        await using var provider = await StartAsync();
        var browser = provider.NewSession();
        await provider.StartSignInAsync(browser);

        var page = await browser.GetAsync($"{provider.CallbackPath}?{query}");

        await SignInAssert.FailedAsync(provider.Portal, browser, page, "InvalidState", "did not match a sign-in started from this browser");
        Assert.Equal(0, provider.CodeExchanges);
    }

    [Fact]
    public async Task A_callback_started_in_another_browser_is_refused()
    {
        await using var provider = await StartAsync();
        var victim = provider.NewSession();
        var attacker = provider.NewSession();
        var attackersCallback = await provider.AnswerSignInAsync(attacker, await provider.StartSignInAsync(attacker), provider.OtherPersonId);

        var page = await victim.GetAsync(attackersCallback.PathAndQuery);

        await SignInAssert.FailedAsync(provider.Portal, victim, page, "InvalidState", "did not match a sign-in started from this browser");
        Assert.Equal(0, provider.CodeExchanges);
    }

    [Theory]
    [InlineData(Upstream.ServerError)]
    [InlineData(Upstream.Slow)]
    public async Task A_failing_token_endpoint_ends_the_sign_in_with_a_clear_page(Upstream failure)
    {
        await using var provider = await StartAsync(new Dictionary<string, string?> { ["ProviderHttp:Timeout"] = "00:00:02" });
        provider.CodeExchangeAnswers(failure);
        var browser = provider.NewSession();

        var page = await provider.SignInAsync(browser);

        await SignInAssert.FailedAsync(provider.Portal, browser, page, "TokenEndpoint", $"{provider.Name} did not confirm the sign-in");
        Assert.Equal(1, provider.CodeExchanges); // a code works once: the exchange is never retried
    }

    [Fact]
    public async Task A_redirect_from_the_token_endpoint_at_sign_in_sends_nothing_elsewhere_and_says_so()
    {
        await using var foreign = await ForeignHost.StartAsync();
        await using var provider = await StartAsync();
        provider.RedirectTo = foreign.Url;
        provider.CodeExchangeAnswers(Upstream.Redirect);
        var browser = provider.NewSession();

        var page = await provider.SignInAsync(browser);

        AssertNothingReached(foreign);
        await SignInAssert.FailedAsync(provider.Portal, browser, page, "ProviderRedirected", $"{provider.Name} sent the portal to another address");
        AssertRedirectLogged(provider.Portal, 307);
    }

    [Fact]
    public async Task A_callback_used_a_second_time_is_not_accepted()
    {
        await using var provider = await StartAsync();
        var browser = provider.NewSession();
        var callback = await provider.AnswerSignInAsync(browser, await provider.StartSignInAsync(browser), provider.PersonId);
        await browser.GetAsync(callback.PathAndQuery);
        var replay = provider.NewSession();

        var page = await replay.GetAsync(callback.PathAndQuery);

        Assert.Contains("Sign-in did not complete", page.Text, StringComparison.Ordinal);
        Assert.False(replay.HasSessionCookie);
        Assert.Single(await provider.Portal.UsersAsync());
        Assert.Equal(1, provider.CodeExchanges);
    }

    [Fact]
    public async Task Try_again_on_the_error_page_starts_a_new_sign_in()
    {
        await using var provider = await StartAsync();
        var browser = provider.NewSession();
        var errorPage = await browser.GetAsync((await provider.DeclineAsync(browser, await provider.StartSignInAsync(browser))).PathAndQuery);

        var authorize = await browser.PostSignInFormAsync(errorPage.Path, provider.Name);
        var page = await browser.GetAsync((await provider.AnswerSignInAsync(browser, authorize, provider.PersonId)).PathAndQuery);

        AssertShown(provider, page);
        Assert.True(browser.HasSessionCookie);
    }

    // Refresh, in a single flight

    [Fact]
    public async Task An_expired_token_is_refreshed_once_and_the_new_one_stored()
    {
        await using var provider = await StartAsync();
        var browser = provider.NewSession();
        await provider.SignInAsync(browser);
        var before = await provider.StoredConnectionAsync();
        await provider.ExpireStoredAccessTokensAsync();

        var page = await browser.GetAsync(provider.LandingPath);
        await browser.GetAsync(provider.LandingPath);

        AssertShown(provider, page);
        Assert.Equal(1, provider.RefreshRequests);
        var after = await provider.StoredConnectionAsync();
        Assert.NotEqual(before.AccessToken, after.AccessToken);
        Assert.Contains(after.AccessToken, provider.Secrets);
        Assert.Equal(provider.RotatesRefreshTokens, before.RefreshToken != after.RefreshToken);
        Assert.True(after.ExpiresAt > provider.Portal.Clock.GetUtcNow().AddMinutes(50));
        Assert.NotNull(after.LastRefreshedAt);
        Assert.Equal(ConnectionStatus.Active, after.Status);
    }

    [Fact]
    public async Task Fifty_concurrent_requests_with_an_expired_token_cause_exactly_one_refresh()
    {
        await using var provider = await StartAsync();
        var browser = provider.NewSession();
        await provider.SignInAsync(browser);
        await provider.ExpireStoredAccessTokensAsync();

        var pages = await GetAllAsync(browser, provider.LandingPath, 50);

        Assert.All(pages, page => AssertShown(provider, page));
        Assert.Equal(1, provider.RefreshRequests);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(20)]
    public async Task Requests_waiting_on_a_refresh_that_times_out_share_its_failure_and_cause_one_refresh_call(int requests)
    {
        await using var provider = await StartAsync(new Dictionary<string, string?> { ["Tokens:RefreshFailureBackoff"] = "00:05:00" });
        var browser = provider.NewSession();
        await provider.SignInAsync(browser);
        var before = await provider.StoredConnectionAsync();
        provider.RefreshAnswers(Upstream.Hangs);
        await provider.ExpireStoredAccessTokensAsync();

        var pages = await GetAllAsync(browser, provider.LandingPath, requests);

        Assert.All(pages, page => AssertTookTooLong(provider, page));
        Assert.Equal(1, provider.RefreshRequests);
        Assert.Equal(before.RefreshToken, (await provider.StoredConnectionAsync()).RefreshToken);
    }

    [Fact]
    public async Task A_burst_right_after_a_failed_refresh_does_not_ask_again()
    {
        await using var provider = await StartAsync(new Dictionary<string, string?> { ["Tokens:RefreshFailureBackoff"] = "00:05:00" });
        var browser = provider.NewSession();
        await provider.SignInAsync(browser);
        provider.RefreshAnswers(Upstream.Hangs);
        await provider.ExpireStoredAccessTokensAsync();
        await GetAllAsync(browser, provider.LandingPath, 4);

        var burst = await GetAllAsync(browser, provider.LandingPath, 10);

        Assert.All(burst, page => AssertTookTooLong(provider, page));
        Assert.Equal(1, provider.RefreshRequests);
    }

    [Fact]
    public async Task A_waiter_gives_up_while_the_refresh_still_hangs_and_the_refresh_runs_to_its_end()
    {
        await using var provider = await StartAsync(new Dictionary<string, string?>
        {
            ["ProviderHttp:Timeout"] = "00:05:00",
            ["Tokens:RefreshWaitTimeout"] = "00:00:01",
        });
        var browser = provider.NewSession();
        await provider.SignInAsync(browser);
        var before = await provider.StoredConnectionAsync();
        provider.RefreshAnswers(Upstream.Hangs);
        await provider.ExpireStoredAccessTokensAsync();

        var pages = await GetAllAsync(browser, provider.LandingPath, 4);

        Assert.All(pages, page => AssertTookTooLong(provider, page));
        Assert.Equal(1, provider.HeldAnswers);
        Assert.Equal(1, provider.RefreshRequests);

        provider.ReleaseHeldAnswers();
        var refreshed = await StoredUntilAsync(provider, stored => stored.AccessToken != before.AccessToken);
        provider.RefreshAnswers(Upstream.Normal);
        var page = await browser.GetAsync(provider.LandingPath).WaitAsync(PageDeadline);

        AssertShown(provider, page);
        Assert.Equal(1, provider.RefreshRequests);
        Assert.Equal(provider.RotatesRefreshTokens, refreshed.RefreshToken != before.RefreshToken);
        Assert.Equal(refreshed.RefreshToken, (await provider.StoredConnectionAsync()).RefreshToken);
    }

    [Theory]
    [InlineData(Upstream.Hangs)]
    [InlineData(Upstream.ServerError)]
    public async Task A_failed_early_refresh_keeps_serving_the_stored_token_while_it_is_valid(Upstream failure)
    {
        await using var provider = await StartAsync(
            new Dictionary<string, string?> { ["Tokens:RefreshWaitTimeout"] = "00:00:01", ["Tokens:RefreshSkew"] = "00:50:00" },
            accessTokenLifetime: TimeSpan.FromMinutes(30));
        var browser = provider.NewSession();
        await provider.SignInAsync(browser);
        var stored = await provider.StoredConnectionAsync();
        var refreshesBefore = provider.RefreshRequests;
        provider.RefreshAnswers(failure);

        var page = await browser.GetAsync(provider.LandingPath).WaitAsync(PageDeadline);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        AssertShown(provider, page);
        Assert.Equal(refreshesBefore + 1, provider.RefreshRequests);
        var after = await provider.StoredConnectionAsync();
        Assert.Equal((stored.AccessToken, stored.RefreshToken), (after.AccessToken, after.RefreshToken));
    }

    [Fact]
    public async Task A_refresh_that_fails_for_a_moment_keeps_the_connection()
    {
        // No back-off, so that the very next view asks the provider again.
        await using var provider = await StartAsync(new Dictionary<string, string?> { ["Tokens:RefreshFailureBackoff"] = "00:00:00" });
        var browser = provider.NewSession();
        await provider.SignInAsync(browser);
        provider.RefreshAnswers(Upstream.ServerError);
        await provider.ExpireStoredAccessTokensAsync();

        var failing = await browser.GetAsync(provider.LandingPath);
        provider.RefreshAnswers(Upstream.Normal);
        var recovered = await browser.GetAsync(provider.LandingPath);

        Assert.Contains($"{provider.Name} is having trouble right now", failing.Text, StringComparison.Ordinal);
        AssertShown(provider, recovered);
        Assert.Equal(ConnectionStatus.Active, Assert.Single(await provider.Portal.ConnectionsAsync()).Status);
    }

    [Fact]
    public async Task A_redirect_from_the_refresh_endpoint_sends_nothing_elsewhere_and_keeps_the_connection()
    {
        await using var foreign = await ForeignHost.StartAsync();
        await using var provider = await StartAsync();
        var browser = provider.NewSession();
        await provider.SignInAsync(browser);
        var before = await provider.StoredConnectionAsync();
        provider.RedirectTo = foreign.Url;
        provider.RefreshAnswers(Upstream.Redirect);
        await provider.ExpireStoredAccessTokensAsync();

        var page = await browser.GetAsync(provider.LandingPath);

        AssertNothingReached(foreign);
        Assert.Equal(HttpStatusCode.BadGateway, page.Status);
        Assert.Contains("data-state=\"Unavailable\"", page.Html, StringComparison.Ordinal);
        Assert.Contains($"{provider.Name} sent the portal to another address instead of answering", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(ForeignHost.Marker, page.Html, StringComparison.Ordinal);
        var after = await provider.StoredConnectionAsync();
        Assert.Equal((ConnectionStatus.Active, before.RefreshToken), (after.Status, after.RefreshToken));
        AssertRedirectLogged(provider.Portal, 307);
    }

    // The provider's API

    [Fact]
    public async Task An_access_token_the_API_refuses_is_refreshed_and_the_call_made_once_more()
    {
        await using var provider = await StartAsync();
        var browser = provider.NewSession();
        await provider.SignInAsync(browser);
        var refused = (await provider.StoredConnectionAsync()).AccessToken;
        await provider.RefuseStoredAccessTokenAsync();
        var callsBefore = provider.ApiCalls;

        var page = await browser.GetAsync(provider.LandingPath);

        AssertShown(provider, page);
        Assert.Equal(1, provider.RefreshRequests);
        Assert.NotEqual(refused, (await provider.StoredConnectionAsync()).AccessToken);
        Assert.Equal(callsBefore + provider.ApiCallsOfARetriedView, provider.ApiCalls);
    }

    [Fact]
    public async Task A_redirect_from_the_API_is_not_followed_and_the_other_hosts_content_is_not_shown()
    {
        await using var foreign = await ForeignHost.StartAsync();
        await using var provider = await StartAsync();
        var browser = provider.NewSession();
        await provider.SignInAsync(browser);
        provider.RedirectTo = foreign.Url;
        provider.ApiAnswers(Upstream.Redirect);

        var page = await browser.GetAsync(provider.LandingPath);

        AssertNothingReached(foreign);
        Assert.Equal(HttpStatusCode.BadGateway, page.Status);
        Assert.DoesNotContain(ForeignHost.Marker, page.Html, StringComparison.Ordinal);
        Assert.Contains($"{provider.Name} sent the portal to another address instead of answering", page.Text, StringComparison.Ordinal);
        Assert.Equal(0, provider.RefreshRequests);
        Assert.Equal(ConnectionStatus.Active, (await provider.StoredConnectionAsync()).Status);
        AssertRedirectLogged(provider.Portal, 302);
    }

    // Reconnect

    [Fact]
    public async Task A_refresh_token_the_provider_refuses_asks_for_a_reconnect_and_reconnecting_restores_the_connection()
    {
        await using var provider = await StartAsync();
        var browser = provider.NewSession();
        await provider.SignInAsync(browser);
        var user = Assert.Single(await provider.Portal.UsersAsync());
        provider.RevokeRefreshTokens();
        await provider.ExpireStoredAccessTokensAsync();

        var page = await browser.GetAsync(provider.LandingPath);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.True(page.Html.Contains("data-state=\"NeedsReconnect\"", StringComparison.Ordinal), provider.Portal.Logs.Warnings());
        Assert.Contains($"Reconnect {provider.Name}", page.Text, StringComparison.Ordinal);
        var connection = Assert.Single(await provider.Portal.ConnectionsAsync());
        Assert.Equal(ConnectionStatus.NeedsReconnect, connection.Status);
        Assert.Null(connection.ProtectedRefreshToken);
        Assert.True(browser.HasSessionCookie, "The portal session itself is not lost.");
        Assert.Contains("Needs reconnect", (await browser.GetAsync("/")).Text, StringComparison.Ordinal);

        var authorize = await browser.PostSignInFormAsync(provider.LandingPath, provider.Name);
        var reconnected = await browser.GetAsync((await provider.AnswerSignInAsync(browser, authorize, provider.PersonId)).PathAndQuery);

        AssertShown(provider, reconnected);
        Assert.Equal(user.Id, Assert.Single(await provider.Portal.UsersAsync()).Id);
        Assert.Equal(ConnectionStatus.Active, Assert.Single(await provider.Portal.ConnectionsAsync()).Status);
    }

    // Secrets: not in the cookie, the database file, the logs or a page

    [Fact]
    public async Task The_session_cookie_is_a_key_to_a_session_of_the_portal_user_with_no_provider_token()
    {
        await using var provider = await StartAsync();
        var browser = provider.NewSession();
        await provider.SignInAsync(browser);
        var cookie = browser.SessionCookie!;

        Assert.True(SessionKey.IsWellFormed(cookie.Value), "The cookie is the bare session key.");
        var (_, ticket) = (await provider.Portal.StoredSessionAsync(cookie.Value))!.Value;

        var user = Assert.Single(await provider.Portal.UsersAsync());
        Assert.Equal(user.Id.ToString("D"), ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Equal(provider.PersonName, ticket.Principal.FindFirstValue(ClaimTypes.Name));
        Assert.Equal(provider.Name, ticket.Principal.FindFirstValue(PortalClaims.SignInProvider));
        Assert.Equal(4, ticket.Principal.Claims.Count()); // user id, name, provider and the session id
        Assert.Empty(ticket.Properties.GetTokens());
        Assert.DoesNotContain(ticket.Properties.Items.Keys, key => key.StartsWith(".Token", StringComparison.Ordinal));
        var serialized = Encoding.UTF8.GetString(new TicketSerializer().Serialize(ticket));
        Assert.All(provider.Secrets, secret => Assert.DoesNotContain(secret, serialized, StringComparison.Ordinal));
        Assert.DoesNotContain("code_verifier", serialized, StringComparison.Ordinal);
        Assert.True(cookie.HttpOnly);
    }

    [Fact]
    public async Task Stored_tokens_are_not_readable_in_the_database()
    {
        await using var provider = await StartAsync();
        var browser = provider.NewSession();
        await provider.SignInAsync(browser);
        await provider.ExpireStoredAccessTokensAsync();
        await browser.GetAsync(provider.LandingPath);
        var stored = await provider.StoredConnectionAsync();

        var database = provider.Portal.Database;

        Assert.Equal(1, provider.RefreshRequests);
        foreach (var token in new[] { stored.AccessToken, stored.RefreshToken })
        {
            Assert.NotNull(token);
            Assert.False(await database.ContainsAsync(token), "A token is readable in the database.");
        }

        Assert.True(await database.ContainsAsync(provider.PersonId), "The check itself must be able to find plain text in the database.");
    }

    [Fact]
    public async Task Logs_and_pages_never_contain_a_code_a_token_or_a_secret()
    {
        await using var provider = await StartAsync(new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore"] = "Verbose",
            ["ProviderHttp:Timeout"] = "00:00:02",
        });
        var browser = provider.NewSession();

        // Everything that handles a secret: sign-in, a refresh, a 401 and its retry, API failures, a refused refresh
        // and a failing token endpoint.
        var pages = new List<PortalPage> { await provider.SignInAsync(browser) };
        await provider.ExpireStoredAccessTokensAsync();
        pages.Add(await browser.GetAsync(provider.LandingPath));
        await provider.RefuseStoredAccessTokenAsync();
        pages.Add(await browser.GetAsync(provider.LandingPath));
        foreach (var failure in new[] { Upstream.ServerError, Upstream.Slow })
        {
            provider.ApiAnswers(failure);
            pages.Add(await browser.GetAsync(provider.LandingPath));
        }

        provider.ApiAnswers(Upstream.Normal);
        provider.RevokeRefreshTokens();
        await provider.ExpireStoredAccessTokensAsync();
        pages.Add(await browser.GetAsync(provider.LandingPath));
        provider.CodeExchangeAnswers(Upstream.ServerError);
        pages.Add(await provider.SignInAsync(provider.NewSession(), provider.OtherPersonId));

        var logs = provider.Portal.Logs.Entries;
        Assert.True(provider.Secrets.Count >= 6, "The scenario must have handed out codes and tokens.");
        Assert.Contains(logs, entry => entry.Message.Contains(provider.CallbackPath, StringComparison.Ordinal));
        Assert.Contains(logs, entry => entry.Id.Id == PortalSignInCompletion.SignInFailedEventId);
        AssertNoSecretIn(provider, pages);
    }

    [Fact]
    public async Task Logs_and_pages_never_contain_what_an_echoing_provider_sends_back_in_its_errors()
    {
        await using var provider = await StartAsync(new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore"] = "Verbose",
        });
        var person = provider.NewSession();
        var other = provider.NewSession();
        await provider.SignInAsync(person);
        await provider.SignInAsync(other, provider.OtherPersonId);
        var pages = new List<PortalPage>();

        // The token endpoint quotes everything it was sent (refresh token, code, client credentials), in
        // error_description and then in error itself, at a refresh and at a sign-in's code exchange.
        provider.RefreshAnswers(Upstream.EchoingError);
        await provider.ExpireStoredAccessTokensAsync();
        pages.Add(await person.GetAsync(provider.LandingPath));
        provider.RefreshAnswers(Upstream.EchoingErrorCode);
        await provider.ExpireStoredAccessTokensAsync();
        pages.Add(await other.GetAsync(provider.LandingPath));
        provider.RefreshAnswers(Upstream.Normal);
        foreach (var echo in new[] { Upstream.EchoingError, Upstream.EchoingErrorCode })
        {
            provider.CodeExchangeAnswers(echo);
            pages.Add(await provider.SignInAsync(provider.NewSession()));
        }

        provider.CodeExchangeAnswers(Upstream.Normal);

        // The callback's error, error_description and error_uri are the provider's to write too.
        provider.SendCallbackError(("server_error", $"{provider.ErrorDescriptionPrefix}the request carried {provider.ClientSecret}"));
        pages.Add(await provider.SignInAsync(provider.NewSession()));
        provider.SendCallbackError(($"server_error {provider.ClientSecret}", $"{provider.ErrorDescriptionPrefix}the error itself is an echo"));
        pages.Add(await provider.SignInAsync(provider.NewSession()));
        provider.SendCallbackError(null);

        Assert.Equal(2, provider.RefreshRequests);
        Assert.Equal(4, provider.CodeExchanges);
        Assert.All(provider.LoggedCodesOfTheEchoes, code => Assert.Contains(provider.Portal.Logs.Entries, entry => entry.AllText.Contains(code, StringComparison.Ordinal)));
        AssertNoSecretIn(provider, pages);
    }

    private static string StateOf(Uri authorize) => QueryHelpers.ParseQuery(authorize.Query)["state"].ToString();

    private static void AssertShown(ProviderUnderTest provider, PortalPage page) =>
        Assert.True(page.Html.Contains("data-state=\"Shown\"", StringComparison.Ordinal), $"{(int)page.Status} {page.Path}:\n{provider.Portal.Logs.Warnings()}");

    private static void AssertTookTooLong(ProviderUnderTest provider, PortalPage page)
    {
        Assert.Equal(HttpStatusCode.GatewayTimeout, page.Status);
        Assert.Contains("data-state=\"Unavailable\"", page.Html, StringComparison.Ordinal);
        Assert.Contains($"{provider.Name} took too long to answer", page.Text, StringComparison.Ordinal);
    }

    private static Task<PortalPage[]> GetAllAsync(PortalSession browser, string path, int requests) =>
        Task.WhenAll(Enumerable.Range(0, requests).Select(_ => browser.GetAsync(path))).WaitAsync(PageDeadline);

    /// <summary>Reads the stored connection until it shows what a refresh still running in the background stores.</summary>
    private static async Task<StoredConnection> StoredUntilAsync(ProviderUnderTest provider, Func<StoredConnection, bool> done)
    {
        using var deadline = new CancellationTokenSource(PageDeadline);
        while (true)
        {
            var stored = await provider.StoredConnectionAsync();
            if (done(stored))
            {
                return stored;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
        }
    }

    private static void AssertNoSecretIn(ProviderUnderTest provider, IReadOnlyList<PortalPage> pages)
    {
        var logs = provider.Portal.Logs.Entries;
        foreach (var secret in provider.Secrets)
        {
            var leak = logs.FirstOrDefault(entry => entry.AllText.Contains(secret, StringComparison.Ordinal));
            Assert.True(leak is null, $"A secret leaked into a log line of {leak?.Category} at {leak?.Level}: {leak?.Message}\n{leak?.Exception}");
            Assert.All(pages, page => Assert.DoesNotContain(secret, page.Html, StringComparison.Ordinal));
        }
    }

    internal static void AssertNothingReached(ForeignHost foreign) =>
        Assert.True(foreign.Requests.Count == 0, $"The other host received:\n{string.Join("\n---\n", foreign.Requests.Select(r => r.AllText))}");

    /// <summary>A warning names the status and the provider's redacted URL, never where the redirect pointed with its query.</summary>
    internal static void AssertRedirectLogged(PortalFactory portal, int status)
    {
        var logs = portal.Logs.Entries;
        Assert.Contains(logs, entry => entry.Level == LogLevel.Warning && entry.Id.Id == RedirectLoggedEvent && entry.Message.Contains($"{status}", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, entry => entry.AllText.Contains("from=provider", StringComparison.Ordinal));
    }
}
