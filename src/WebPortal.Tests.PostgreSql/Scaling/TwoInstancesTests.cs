using System.Net;
using Microsoft.EntityFrameworkCore;
using WebPortal.Sandbox.MyOrganizer;

namespace WebPortal.Tests.Scaling;

/// <summary>
/// Two portal processes on one PostgreSQL database and one Redis, as behind a load balancer, with one browser whose
/// requests go to either (<see cref="InstancePair"/>); MyOrganizer's B2C stand-in rotates refresh tokens and, like B2C,
/// revokes the whole grant when a spent refresh token is presented again.
/// </summary>
public sealed class TwoInstancesTests
{
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
            await InstancePair.WithinAsync(TimeSpan.FromSeconds(1), async () => await pair.AccountPageStatusAsync(copy, onFirst: false) == HttpStatusCode.Redirect),
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
            await InstancePair.WithinAsync(TimeSpan.FromSeconds(1), async () => await pair.MyOrganizerStateAsync(onFirst: false) == "NeedsReconnect"),
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

        Assert.True(await InstancePair.WithinAsync(TimeSpan.FromSeconds(10), async () => await pair.ReadinessAsync(onFirst: true) == HttpStatusCode.ServiceUnavailable));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await pair.ReadinessAsync(onFirst: false));
        Assert.Equal((HttpStatusCode.OK, true), await pair.AgendaAsync(onFirst: false));
        await pair.SignOutAsync(onFirst: true);
        Assert.Equal(HttpStatusCode.Redirect, await pair.AccountPageStatusAsync(copy, onFirst: false));

        await pair.Redis.StartAgainAsync();

        Assert.True(await InstancePair.WithinAsync(TimeSpan.FromSeconds(30), async () => await pair.ReadinessAsync(onFirst: true) == HttpStatusCode.OK && await pair.ReadinessAsync(onFirst: false) == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.Redirect, await pair.AccountPageStatusAsync(copy, onFirst: false));
    }

    [Fact]
    public async Task The_gateway_app_token_that_one_instance_fetched_is_the_one_the_other_uses_through_Redis()
    {
        await using var pair = await InstancePair.StartAsync();
        var gateway = pair.MyOrganizer.Gateway;
        Assert.Empty(gateway.Grants);

        // Readiness needs the app token (MyOrganizerApi:AppKey is set): the gateway must grant one and answer a call made with it.
        Assert.Equal(HttpStatusCode.OK, await pair.ReadinessAsync(onFirst: true));
        Assert.Equal(HttpStatusCode.OK, await pair.ReadinessAsync(onFirst: false));
        Assert.Equal(HttpStatusCode.OK, await pair.ReadinessAsync(onFirst: false));
        Assert.Equal(HttpStatusCode.OK, await pair.ReadinessAsync(onFirst: true));

        Assert.Equal(["client_credentials"], gateway.Grants);
    }

    [Fact]
    public async Task Without_Redis_each_instance_fetches_a_gateway_app_token_of_its_own()
    {
        await using var pair = await InstancePair.StartAsync(new InstancePairOptions { WithRedis = false });
        var gateway = pair.MyOrganizer.Gateway;

        Assert.Equal(HttpStatusCode.OK, await pair.ReadinessAsync(onFirst: true));
        Assert.Equal(HttpStatusCode.OK, await pair.ReadinessAsync(onFirst: false));
        Assert.Equal(HttpStatusCode.OK, await pair.ReadinessAsync(onFirst: false));
        Assert.Equal(HttpStatusCode.OK, await pair.ReadinessAsync(onFirst: true));

        Assert.Equal(["client_credentials", "client_credentials"], gateway.Grants);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
        }
    }
}
