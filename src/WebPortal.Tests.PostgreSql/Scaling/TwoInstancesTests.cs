using System.Net;
using Microsoft.EntityFrameworkCore;
using WebPortal.Authentication;
using WebPortal.Sandbox.MyOrganizer;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Scaling;

/// <summary>
/// Two portal processes on one PostgreSQL database and one Redis, as behind a load balancer, with one browser whose
/// requests go to either; MyOrganizer's B2C stand-in rotates refresh tokens and, like B2C, revokes the whole grant
/// when a spent refresh token is presented again.
/// </summary>
public sealed class TwoInstancesTests
{
    private const string AgendaShown = "data-state=\"Shown\"";

    [Fact]
    public async Task A_burst_of_100_requests_over_both_instances_with_an_expired_token_refreshes_it_once_and_keeps_the_grant()
    {
        await using var pair = await InstancePair.StartAsync();
        await pair.SignInAsync();
        await pair.ExpireStoredAccessTokenAsync();
        var b2c = pair.MyOrganizer.B2C;
        var refreshesBefore = b2c.RefreshRequests;

        // The first refresh is held at B2C while the rest of the burst reaches both instances: without a lock they
        // share, the other instance's refresh would reach B2C meanwhile, with the same refresh token.
        b2c.TokenEndpoint = B2CEndpointBehaviour.Slow;
        b2c.SlowAnswerDelay = TimeSpan.FromMinutes(1);
        var burst = Task.WhenAll(Enumerable.Range(0, 100).Select(i => pair.AgendaAsync(onFirst: i % 2 == 0)));
        await WaitUntilAsync(() => b2c.SlowAnswers.Held >= 1);
        await Task.Delay(TimeSpan.FromSeconds(2));
        b2c.TokenEndpoint = B2CEndpointBehaviour.Normal;
        b2c.SlowAnswers.Release();
        var answers = await burst;

        Assert.All(answers, answer => Assert.Equal((HttpStatusCode.OK, true), answer));
        Assert.Equal(1, b2c.RefreshRequests - refreshesBefore);
        Assert.Equal(0, b2c.ReplayedGrants);

        // The grant survived: the refresh token stored by the burst's one refresh is still good for the next one.
        await pair.ExpireStoredAccessTokenAsync();
        Assert.Equal((HttpStatusCode.OK, true), await pair.AgendaAsync(onFirst: false));
        Assert.Equal(2, b2c.RefreshRequests - refreshesBefore);
        Assert.Equal(0, b2c.ReplayedGrants);
    }

    [Fact]
    public async Task An_instance_killed_while_it_holds_the_refresh_lock_does_not_stop_the_other_from_refreshing()
    {
        await using var pair = await InstancePair.StartAsync();
        await pair.SignInAsync();
        await pair.ExpireStoredAccessTokenAsync();
        var b2c = pair.MyOrganizer.B2C;
        b2c.TokenEndpoint = B2CEndpointBehaviour.Slow;
        b2c.SlowAnswerDelay = TimeSpan.FromMinutes(5);

        var abandoned = pair.AgendaAsync(onFirst: true);
        await WaitUntilAsync(() => b2c.SlowAnswers.Held == 1);
        await pair.First.DisposeAsync();
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => abandoned);
        b2c.TokenEndpoint = B2CEndpointBehaviour.Normal;

        Assert.Equal((HttpStatusCode.OK, true), await pair.AgendaAsync(onFirst: false));
        Assert.Equal(0, b2c.ReplayedGrants);
    }

    [Fact]
    public async Task A_sign_in_on_one_instance_is_one_session_that_both_serve()
    {
        await using var pair = await InstancePair.StartAsync();
        await pair.SignInAsync();

        Assert.Equal((HttpStatusCode.OK, true), await pair.AgendaAsync(onFirst: true));
        Assert.Equal((HttpStatusCode.OK, true), await pair.AgendaAsync(onFirst: false));
        await using var db = pair.Database.OpenContext();
        Assert.Single(await db.Sessions.AsNoTracking().ToListAsync());
    }

    [Fact]
    public async Task A_session_ended_on_one_instance_is_refused_on_the_other_within_a_second()
    {
        await using var pair = await InstancePair.StartAsync();
        await pair.SignInAsync();
        using var copy = pair.CopyOfTheSessionCookie();
        Assert.Equal(HttpStatusCode.OK, await pair.AccountPageStatusAsync(copy, onFirst: false));

        await pair.SignOutAsync(onFirst: true);

        Assert.True(
            await WithinAsync(TimeSpan.FromSeconds(1), async () => await pair.AccountPageStatusAsync(copy, onFirst: false) == HttpStatusCode.Redirect),
            "The second instance still served the session a second after the first ended it.");
    }

    [Fact]
    public async Task A_connection_that_needs_a_reconnect_after_a_refresh_on_one_instance_shows_so_on_the_other_within_a_second()
    {
        await using var pair = await InstancePair.StartAsync();
        await pair.SignInAsync();
        Assert.Equal("Active", await pair.MyOrganizerStateAsync(onFirst: false));
        pair.MyOrganizer.B2C.RevokeRefreshTokens();
        await pair.ExpireStoredAccessTokenAsync();

        Assert.Equal((HttpStatusCode.OK, false), await pair.AgendaAsync(onFirst: true));

        Assert.True(
            await WithinAsync(TimeSpan.FromSeconds(1), async () => await pair.MyOrganizerStateAsync(onFirst: false) == "NeedsReconnect"),
            "The second instance still showed the connection as active a second after the first found it needs a reconnect.");
    }

    [Fact]
    public async Task While_Redis_is_down_neither_instance_is_ready_both_still_serve_and_an_ended_session_is_refused_by_both()
    {
        await using var pair = await InstancePair.StartAsync();
        await pair.SignInAsync();
        using var copy = pair.CopyOfTheSessionCookie();
        Assert.Equal(HttpStatusCode.OK, await pair.AccountPageStatusAsync(copy, onFirst: false));

        await pair.Redis.StopAsync();

        Assert.True(await WithinAsync(TimeSpan.FromSeconds(10), async () => await pair.ReadinessAsync(onFirst: true) == HttpStatusCode.ServiceUnavailable));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await pair.ReadinessAsync(onFirst: false));
        Assert.Equal((HttpStatusCode.OK, true), await pair.AgendaAsync(onFirst: false));
        await pair.SignOutAsync(onFirst: true);
        Assert.Equal(HttpStatusCode.Redirect, await pair.AccountPageStatusAsync(copy, onFirst: false));

        await pair.Redis.StartAgainAsync();

        Assert.True(await WithinAsync(TimeSpan.FromSeconds(30), async () => await pair.ReadinessAsync(onFirst: true) == HttpStatusCode.OK && await pair.ReadinessAsync(onFirst: false) == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.Redirect, await pair.AccountPageStatusAsync(copy, onFirst: false));
    }

    /// <summary>Whether <paramref name="condition"/> holds within <paramref name="limit"/> of now.</summary>
    private static async Task<bool> WithinAsync(TimeSpan limit, Func<Task<bool>> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        do
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
        while (clock.Elapsed < limit);

        return false;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
        }
    }

    /// <summary>The stand-in, the database, Redis and the two instances, and one browser's cookie jar for both.</summary>
    private sealed class InstancePair : IAsyncDisposable
    {
        private readonly LoopbackCookieJar _jar = new();
        private readonly HttpClient _provider = new(new SocketsHttpHandler { AllowAutoRedirect = false });
        private readonly HttpClient _toFirst;
        private readonly HttpClient _toSecond;

        private InstancePair(MyOrganizerStandIn myOrganizer, TestDatabase database, RedisServer redis, PortalProcess first, PortalProcess second)
        {
            MyOrganizer = myOrganizer;
            Database = database;
            Redis = redis;
            First = first;
            Second = second;

            // One browser: the same cookies whichever instance the load balancer picks (both are on localhost).
            _toFirst = new HttpClient(_jar, disposeHandler: false) { BaseAddress = first.BaseUrl };
            _toSecond = new HttpClient(_jar, disposeHandler: false) { BaseAddress = second.BaseUrl };
        }

        public MyOrganizerStandIn MyOrganizer { get; }

        public TestDatabase Database { get; }

        public RedisServer Redis { get; }

        public PortalProcess First { get; }

        public PortalProcess Second { get; }

        public static async Task<InstancePair> StartAsync()
        {
            var first = PortalProcess.NewBaseUrl();
            var second = PortalProcess.NewBaseUrl();
            var myOrganizer = await MyOrganizerStandIn.StartAsync([MyOrganizerStandIn.CallbackOf(first), MyOrganizerStandIn.CallbackOf(second)]);
            var database = TestDatabase.Create();
            var redis = await RedisServer.StartAsync();
            var settings = new Dictionary<string, string?>(database.PortalSettings)
            {
                ["Redis:Configuration"] = redis.Configuration,

                // Every request reads the stored token, so that a test can expire it in the database.
                ["Tokens:CacheDuration"] = "00:00:00",
                ["Tokens:RefreshFailureBackoff"] = "00:00:00",
            };

            // One after the other: the second finds the database migrated (starting together is tested on its own).
            PortalProcess? firstInstance = null;
            try
            {
                firstInstance = await PortalProcess.StartAsync(Options(first));
                var secondInstance = await PortalProcess.StartAsync(Options(second));
                return new InstancePair(myOrganizer, database, redis, firstInstance, secondInstance);
            }
            catch (PortalStartException)
            {
                if (firstInstance is not null)
                {
                    await firstInstance.DisposeAsync();
                }

                await redis.DisposeAsync();
                await database.DisposeAsync();
                await myOrganizer.DisposeAsync();
                throw;
            }

            PortalProcessOptions Options(Uri baseUrl) => new()
            {
                BaseUrl = baseUrl,
                StandIns = [myOrganizer],
                Settings = settings,
            };
        }

        /// <summary>Signs Lotte Maes in with MyOrganizer through the first instance.</summary>
        public async Task SignInAsync()
        {
            var script = new SignInScript(_toFirst, _provider);
            var callback = await script.AnswerMyOrganizerAsync(await script.StartAsync("MyOrganizer"), Customers.LotteMaes);
            using var landed = await _toFirst.GetAsync(callback);
            Assert.Equal(HttpStatusCode.Redirect, landed.StatusCode);
        }

        /// <summary>As if the access token's time had passed: every instance must refresh it at its next use.</summary>
        public async Task ExpireStoredAccessTokenAsync()
        {
            await using var db = Database.OpenContext();
            var expired = DateTimeOffset.UtcNow.AddMinutes(-1);
            Assert.Equal(1, await db.Connections.ExecuteUpdateAsync(c => c.SetProperty(connection => connection.AccessTokenExpiresAt, expired)));
        }

        /// <summary>Signs the browser out on one instance, which ends its session.</summary>
        public async Task SignOutAsync(bool onFirst)
        {
            var client = onFirst ? _toFirst : _toSecond;
            using var home = await client.GetAsync(new Uri("/", UriKind.Relative));
            var token = SignInScript.AntiforgeryToken(await home.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("No anti-forgery token on the start page.");
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
            using var signedOut = await client.PostAsync(new Uri("/account/signout", UriKind.Relative), form);
            Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        }

        /// <summary>The browser's session cookie as it is now, to be sent after the browser dropped it.</summary>
        public CopiedCookie CopyOfTheSessionCookie()
        {
            var session = Assert.Single(_jar.CookiesOf(First.BaseUrl, ""), cookie => cookie.Key.EndsWith(AuthenticationExtensions.SessionCookieName, StringComparison.Ordinal));
            return new CopiedCookie($"{session.Key}={session.Value}");
        }

        /// <summary>The status of "My accounts" from one instance with <paramref name="cookie"/>: 200, or a redirect to sign in.</summary>
        public async Task<HttpStatusCode> AccountPageStatusAsync(CopiedCookie cookie, bool onFirst)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(onFirst ? First.BaseUrl : Second.BaseUrl, "/account"));
            request.Headers.Add("Cookie", cookie.Header);
            using var answer = await cookie.Client.SendAsync(request);
            return answer.StatusCode;
        }

        /// <summary>The state the MyOrganizer connection has on one instance's "My accounts".</summary>
        public async Task<string?> MyOrganizerStateAsync(bool onFirst)
        {
            using var answer = await (onFirst ? _toFirst : _toSecond).GetAsync(new Uri("/account", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            var html = await answer.Content.ReadAsStringAsync();
            return System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"connection-MyOrganizer\" data-state=\"([A-Za-z]+)\"") is { Success: true } match ? match.Groups[1].Value : null;
        }

        public async Task<HttpStatusCode> ReadinessAsync(bool onFirst)
        {
            using var answer = await (onFirst ? _toFirst : _toSecond).GetAsync(new Uri("/health/ready", UriKind.Relative));
            return answer.StatusCode;
        }

        /// <summary>The agenda from one instance: its status, and whether it shows the customer's agenda.</summary>
        public async Task<(HttpStatusCode Status, bool Shown)> AgendaAsync(bool onFirst)
        {
            using var answer = await (onFirst ? _toFirst : _toSecond).GetAsync(new Uri("/agenda", UriKind.Relative));
            return (answer.StatusCode, (await answer.Content.ReadAsStringAsync()).Contains(AgendaShown, StringComparison.Ordinal));
        }

        public async ValueTask DisposeAsync()
        {
            _toFirst.Dispose();
            _toSecond.Dispose();
            _jar.Dispose();
            _provider.Dispose();
            await First.DisposeAsync();
            await Second.DisposeAsync();
            await Database.DisposeAsync();
            await Redis.DisposeAsync();
            await MyOrganizer.DisposeAsync();
        }
    }

    /// <summary>A cookie header kept apart from the browser's jar, with a client of its own that keeps no cookies.</summary>
    private sealed class CopiedCookie(string header) : IDisposable
    {
        public string Header { get; } = header;

        public HttpClient Client { get; } = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });

        public void Dispose() => Client.Dispose();
    }
}
