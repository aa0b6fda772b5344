using System.Net;
using Microsoft.EntityFrameworkCore;
using WebPortal.Sandbox.MyOrganizer;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Scaling;

/// <summary>
/// Two portal processes on one PostgreSQL database, as behind a load balancer, with one browser whose requests go to
/// either; MyOrganizer's B2C stand-in rotates refresh tokens and, like B2C, revokes the whole grant when a spent
/// refresh token is presented again.
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

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
        }
    }

    /// <summary>The stand-in, the database and the two instances, and one browser's cookie jar for both.</summary>
    private sealed class InstancePair : IAsyncDisposable
    {
        private readonly LoopbackCookieJar _jar = new();
        private readonly HttpClient _provider = new(new SocketsHttpHandler { AllowAutoRedirect = false });
        private readonly HttpClient _toFirst;
        private readonly HttpClient _toSecond;

        private InstancePair(MyOrganizerStandIn myOrganizer, TestDatabase database, PortalProcess first, PortalProcess second)
        {
            MyOrganizer = myOrganizer;
            Database = database;
            First = first;
            Second = second;

            // One browser: the same cookies whichever instance the load balancer picks (both are on localhost).
            _toFirst = new HttpClient(_jar, disposeHandler: false) { BaseAddress = first.BaseUrl };
            _toSecond = new HttpClient(_jar, disposeHandler: false) { BaseAddress = second.BaseUrl };
        }

        public MyOrganizerStandIn MyOrganizer { get; }

        public TestDatabase Database { get; }

        public PortalProcess First { get; }

        public PortalProcess Second { get; }

        public static async Task<InstancePair> StartAsync()
        {
            var first = PortalProcess.NewBaseUrl();
            var second = PortalProcess.NewBaseUrl();
            var myOrganizer = await MyOrganizerStandIn.StartAsync([MyOrganizerStandIn.CallbackOf(first), MyOrganizerStandIn.CallbackOf(second)]);
            var database = TestDatabase.Create();
            var settings = new Dictionary<string, string?>(database.PortalSettings)
            {
                // Every request reads the stored token, so that a test can expire it in the database.
                ["Tokens:CacheDuration"] = "00:00:00",
                ["Tokens:RefreshFailureBackoff"] = "00:00:00",
            };

            // One after the other: the second finds the database migrated (starting together is tested on its own).
            var firstInstance = await PortalProcess.StartAsync(Options(first));
            var secondInstance = await PortalProcess.StartAsync(Options(second));
            return new InstancePair(myOrganizer, database, firstInstance, secondInstance);

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
            await MyOrganizer.DisposeAsync();
        }
    }
}
