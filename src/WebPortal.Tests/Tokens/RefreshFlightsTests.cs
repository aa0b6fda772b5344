using Microsoft.Extensions.Time.Testing;
using WebPortal.Tokens;

namespace WebPortal.Tests.Tokens;

public sealed class RefreshFlightsTests
{
    private const string Key = "KlasCement:an";

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan Backoff = TimeSpan.FromSeconds(5);

    /// <summary>Bounds every wait for something that happens on another thread.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static readonly ProviderAccess Refreshed = new(Guid.NewGuid(), "KlasCement", "an", "new-access-token", DateTimeOffset.UnixEpoch);

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task Callers_during_a_refresh_wait_for_it_and_share_its_tokens()
    {
        var flights = new RefreshFlights(_time);
        var refresh = new ControlledRefresh();

        var callers = Enumerable.Range(0, 50).Select(_ => flights.JoinAsync(Key, refresh.RunAsync, Wait, Backoff, CancellationToken.None)).ToList();
        refresh.Succeed(Refreshed);

        Assert.All(await Task.WhenAll(callers).WaitAsync(Deadline), access => Assert.Same(Refreshed, access));
        Assert.Equal(1, refresh.Calls);
        Assert.Equal(0, flights.Count);
    }

    [Fact]
    public async Task Callers_during_a_refresh_share_its_failure_and_start_no_other()
    {
        var flights = new RefreshFlights(_time);
        var refresh = new ControlledRefresh();
        var failure = new ProviderUnavailableException("KlasCement", UpstreamFailure.Timeout);

        var callers = Enumerable.Range(0, 4).Select(_ => flights.JoinAsync(Key, refresh.RunAsync, Wait, Backoff, CancellationToken.None)).ToList();
        refresh.Fail(failure);

        foreach (var caller in callers)
        {
            Assert.Same(failure, await Assert.ThrowsAsync<ProviderUnavailableException>(() => caller.WaitAsync(Deadline)));
        }

        Assert.Equal(1, refresh.Calls);
    }

    [Fact]
    public async Task A_caller_gives_up_after_its_wait_while_the_refresh_goes_on_for_the_others()
    {
        var flights = new RefreshFlights(_time);
        var refresh = new ControlledRefresh();
        var impatient = flights.JoinAsync(Key, refresh.RunAsync, TimeSpan.FromSeconds(1), Backoff, CancellationToken.None);
        var patient = flights.JoinAsync(Key, refresh.RunAsync, Wait, Backoff, CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<TimeoutException>(() => impatient.WaitAsync(Deadline));
        Assert.False(patient.IsCompleted);
        var late = flights.JoinAsync(Key, refresh.RunAsync, Wait, Backoff, CancellationToken.None);
        refresh.Succeed(Refreshed);
        Assert.Same(Refreshed, await patient.WaitAsync(Deadline));
        Assert.Same(Refreshed, await late.WaitAsync(Deadline));
        Assert.Equal(1, refresh.Calls);
    }

    [Fact]
    public async Task A_caller_whose_request_is_aborted_stops_waiting_but_not_the_refresh()
    {
        var flights = new RefreshFlights(_time);
        var refresh = new ControlledRefresh();
        using var aborted = new CancellationTokenSource();
        var leaving = flights.JoinAsync(Key, refresh.RunAsync, Wait, Backoff, aborted.Token);

        await aborted.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leaving.WaitAsync(Deadline));
        var next = flights.JoinAsync(Key, refresh.RunAsync, Wait, Backoff, CancellationToken.None);
        refresh.Succeed(Refreshed);
        Assert.Same(Refreshed, await next.WaitAsync(Deadline));
        Assert.Equal(1, refresh.Calls);
    }

    [Fact]
    public async Task After_an_unavailable_provider_callers_within_the_backoff_get_the_failure_and_after_it_a_new_refresh_starts()
    {
        var flights = new RefreshFlights(_time);
        var refresh = new ControlledRefresh();
        var failure = new ProviderUnavailableException("KlasCement", UpstreamFailure.ServerError);
        var first = flights.JoinAsync(Key, refresh.RunAsync, Wait, Backoff, CancellationToken.None);
        refresh.Fail(failure);
        await Assert.ThrowsAsync<ProviderUnavailableException>(() => first.WaitAsync(Deadline));

        _time.Advance(Backoff - TimeSpan.FromMilliseconds(1));
        var withinBackoff = flights.JoinAsync(Key, refresh.RunAsync, Wait, Backoff, CancellationToken.None);

        Assert.Same(failure, await Assert.ThrowsAsync<ProviderUnavailableException>(() => withinBackoff.WaitAsync(Deadline)));
        Assert.Equal(1, refresh.Calls);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(SpinWait.SpinUntil(() => flights.Count == 0, Deadline), "The back-off ends.");
        var afterBackoff = flights.JoinAsync(Key, refresh.RunAsync, Wait, Backoff, CancellationToken.None);
        refresh.Succeed(Refreshed);

        Assert.Same(Refreshed, await afterBackoff.WaitAsync(Deadline));
        Assert.Equal(2, refresh.Calls);
    }

    [Fact]
    public async Task A_refused_refresh_token_is_not_backed_off()
    {
        var flights = new RefreshFlights(_time);
        var refresh = new ControlledRefresh();
        var first = flights.JoinAsync(Key, refresh.RunAsync, Wait, Backoff, CancellationToken.None);
        refresh.Fail(new ReconnectRequiredException("KlasCement"));
        await Assert.ThrowsAsync<ReconnectRequiredException>(() => first.WaitAsync(Deadline));

        var next = flights.JoinAsync(Key, refresh.RunAsync, Wait, Backoff, CancellationToken.None);
        refresh.Succeed(Refreshed);

        Assert.Same(Refreshed, await next.WaitAsync(Deadline));
        Assert.Equal(2, refresh.Calls);
    }

    [Fact]
    public async Task Connections_do_not_wait_for_each_other()
    {
        var flights = new RefreshFlights(_time);
        var hanging = new ControlledRefresh();
        var quick = new ControlledRefresh();
        var an = flights.JoinAsync("KlasCement:an", hanging.RunAsync, Wait, Backoff, CancellationToken.None);

        var jan = flights.JoinAsync("KlasCement:jan", quick.RunAsync, Wait, Backoff, CancellationToken.None);
        quick.Succeed(Refreshed);

        Assert.Same(Refreshed, await jan.WaitAsync(Deadline));
        Assert.False(an.IsCompleted);
    }

    /// <summary>
    /// A refresh that ends when the test says so, with the outcome it says: the n-th outcome given ends the n-th call,
    /// whether it was started already or not. It counts how often it was started.
    /// </summary>
    private sealed class ControlledRefresh
    {
        private readonly List<TaskCompletionSource<ProviderAccess>> _outcomes = [];
        private int _calls;
        private int _ended;

        public int Calls
        {
            get
            {
                lock (_outcomes)
                {
                    return _calls;
                }
            }
        }

        public Task<ProviderAccess> RunAsync()
        {
            lock (_outcomes)
            {
                return Outcome(_calls++).Task;
            }
        }

        public void Succeed(ProviderAccess access) => NextToEnd().SetResult(access);

        public void Fail(Exception failure) => NextToEnd().SetException(failure);

        private TaskCompletionSource<ProviderAccess> NextToEnd()
        {
            lock (_outcomes)
            {
                return Outcome(_ended++);
            }
        }

        private TaskCompletionSource<ProviderAccess> Outcome(int call)
        {
            while (_outcomes.Count <= call)
            {
                _outcomes.Add(new TaskCompletionSource<ProviderAccess>(TaskCreationOptions.RunContinuationsAsynchronously));
            }

            return _outcomes[call];
        }
    }
}
