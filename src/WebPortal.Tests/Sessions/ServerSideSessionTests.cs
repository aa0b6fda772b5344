using System.Net;
using System.Security.Claims;
using WebPortal.Sessions;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Sessions;

/// <summary>
/// The session lives on the server: the cookie is a random key, a new one on every sign-in, and the session it finds
/// ends when idle for <c>Sessions:IdleTimeout</c> or at <c>Sessions:AbsoluteLifetime</c>, on the portal's clock.
/// </summary>
public sealed class ServerSideSessionTests
{
    private const string AccountPage = "/account";

    [Fact]
    public async Task After_signing_in_with_both_providers_the_session_cookie_is_at_most_200_bytes()
    {
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var harness = await MyOrganizerHarness.StartAsync(klasCement: klasCement);
        var browser = harness.NewSession();

        await browser.SignInAsync(Members.AnPeeters);
        await browser.SignInWithMyOrganizerAsync(Customers.LotteMaes);

        var cookie = browser.SessionCookie!;
        var size = cookie.Name.Length + cookie.Value.Length;
        Assert.True(size <= 200, $"The session cookie is {size} bytes: {cookie.Name}={cookie.Value}");
        Assert.True(SessionKey.IsWellFormed(cookie.Value));
        Assert.Equal(2, (await harness.ConnectionsAsync()).Count);
        var (session, ticket) = (await harness.Portal.StoredSessionAsync(cookie.Value))!.Value;
        Assert.Equal(Assert.Single(await harness.Portal.UsersAsync()).Id, session.UserId);
        Assert.Equal("An Peeters", ticket.Principal.FindFirstValue(ClaimTypes.Name));
        Assert.DoesNotContain(await harness.Portal.SessionsAsync(), row => row.KeyHash == cookie.Value);
    }

    [Theory]
    [InlineData("changed")]
    [InlineData("made-up")]
    [InlineData("not-a-key-at-all")]
    public async Task A_changed_or_made_up_session_cookie_is_a_signed_out_browser(string kind)
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInAsync();
        var cookie = browser.SessionCookie!;
        browser.Cookies.Add(browser.Origin, new Cookie(cookie.Name, kind switch
        {
            "changed" => (cookie.Value[0] == 'A' ? "B" : "A") + cookie.Value[1..],
            "made-up" => SessionKey.New(),
            _ => "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        }));

        var page = await browser.GetAsync(AccountPage);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("/?ReturnUrl=%2Faccount", page.Path);
    }

    [Fact]
    public async Task Every_sign_in_starts_a_new_session_and_ends_the_one_it_replaces()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInAsync(Members.AnPeeters);
        var first = browser.SessionCookie!.Value;

        await browser.SignInAsync(Members.AnPeeters);
        var second = browser.SessionCookie!.Value;

        Assert.NotEqual(first, second);
        Assert.Null(await harness.Portal.StoredSessionAsync(first));
        Assert.NotNull(await harness.Portal.StoredSessionAsync(second));
        Assert.Single(await harness.Portal.SessionsAsync());
        Assert.False(await IsSignedInWithAsync(harness.Portal, first));
        Assert.True(await IsSignedInWithAsync(harness.Portal, second));
    }

    [Fact]
    public async Task Linking_an_account_starts_a_new_session_of_the_same_person()
    {
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var harness = await MyOrganizerHarness.StartAsync(klasCement: klasCement);
        var browser = harness.NewSession();
        await browser.SignInAsync(Members.AnPeeters);
        var first = browser.SessionCookie!.Value;
        var before = (await harness.Portal.StoredSessionAsync(first))!.Value.Row;

        await browser.SignInWithMyOrganizerAsync(Customers.LotteMaes);

        var linked = (await harness.Portal.StoredSessionAsync(browser.SessionCookie!.Value))!.Value.Row;
        Assert.NotEqual(before.Id, linked.Id);
        Assert.Equal(before.UserId, linked.UserId);
        Assert.Equal("MyOrganizer", linked.SignInProvider);
        Assert.Null(await harness.Portal.StoredSessionAsync(first));
    }

    [Fact]
    public async Task A_session_idle_for_the_idle_timeout_is_refused_and_each_request_keeps_it_going_until_then()
    {
        await using var harness = await PortalHarness.StartAsync(new Dictionary<string, string?> { ["Sessions:IdleTimeout"] = "00:30:00" });
        var browser = harness.NewSession();
        await browser.SignInAsync();

        harness.Portal.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(AccountPage, (await browser.GetAsync(AccountPage)).Path);
        harness.Portal.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(AccountPage, (await browser.GetAsync(AccountPage)).Path);
        harness.Portal.Clock.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal("/?ReturnUrl=%2Faccount", (await browser.GetAsync(AccountPage)).Path);
        Assert.Empty(await harness.Portal.SessionsAsync());
    }

    [Fact]
    public async Task A_session_ends_at_its_absolute_lifetime_however_active_it_is()
    {
        await using var harness = await PortalHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Sessions:IdleTimeout"] = "00:30:00",
            ["Sessions:AbsoluteLifetime"] = "01:00:00",
        });
        var browser = harness.NewSession();
        await browser.SignInAsync();

        for (var minutes = 20; minutes < 60; minutes += 20)
        {
            harness.Portal.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(AccountPage, (await browser.GetAsync(AccountPage)).Path);
        }

        harness.Portal.Clock.Advance(TimeSpan.FromMinutes(21));
        Assert.Equal("/?ReturnUrl=%2Faccount", (await browser.GetAsync(AccountPage)).Path);
    }

    [Fact]
    public async Task The_cleanup_deletes_the_ended_sessions_and_keeps_the_others()
    {
        await using var harness = await PortalHarness.StartAsync(new Dictionary<string, string?> { ["Sessions:IdleTimeout"] = "00:30:00" });
        var idle = harness.NewSession();
        await idle.SignInAsync(Members.AnPeeters);
        harness.Portal.Clock.Advance(TimeSpan.FromMinutes(25));
        var active = harness.NewSession();
        await active.SignInAsync(Members.JanJanssens);
        harness.Portal.Clock.Advance(TimeSpan.FromMinutes(10));

        var deleted = await harness.Portal.GetRequiredService<ExpiredSessionCleanup>().DeleteEndedAsync(CancellationToken.None);

        Assert.Equal(1, deleted);
        var left = Assert.Single(await harness.Portal.SessionsAsync());
        Assert.Equal((await harness.Portal.StoredSessionAsync(active.SessionCookie!.Value))!.Value.Row.Id, left.Id);
    }

    [Fact]
    public async Task The_cleanup_runs_by_itself_every_cleanup_interval()
    {
        await using var harness = await PortalHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Sessions:IdleTimeout"] = "00:30:00",
            ["Sessions:CleanupInterval"] = "00:00:01",
        });
        await harness.NewSession().SignInAsync();
        harness.Portal.Clock.Advance(TimeSpan.FromMinutes(31));

        // The interval runs on the real clock; the sessions' ages on the portal's.
        var waited = TimeSpan.Zero;
        while ((await harness.Portal.SessionsAsync()).Count > 0 && waited < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200));
            waited += TimeSpan.FromMilliseconds(200);
        }

        Assert.Empty(await harness.Portal.SessionsAsync());
    }

    [Fact]
    public async Task A_session_row_names_the_browser_the_address_and_the_provider_it_signed_in_with()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession(IPAddress.Parse("203.0.113.7"));
        browser.Portal.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");

        await browser.SignInAsync();

        var session = Assert.Single(await harness.Portal.SessionsAsync());
        Assert.Equal(("Firefox", "Linux", "203.0.113.7", "KlasCement"), (session.Browser, session.OperatingSystem, session.IpAddress, session.SignInProvider));
        Assert.Equal(session.CreatedAt, session.LastSeenAt);
        Assert.Equal(session.CreatedAt + TimeSpan.FromHours(12), session.ExpiresAt);
    }

    private static async Task<bool> IsSignedInWithAsync(PortalFactory portal, string cookieValue)
    {
        using var other = new PortalSession(portal);
        other.Cookies.Add(other.Origin, new Cookie(WebPortal.Authentication.AuthenticationExtensions.SecureSessionCookieName, cookieValue));
        return (await other.GetAsync(AccountPage)).Path == AccountPage;
    }
}
