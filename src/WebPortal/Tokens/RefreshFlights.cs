namespace WebPortal.Tokens;

/// <summary>
/// At most one refresh per connection at a time: every request that needs it while it runs waits for that same refresh
/// and shares its outcome, success or failure, instead of starting another. A refresh runs to its end even when
/// nobody waits for it any more. When it fails because the provider is unavailable, requests within the back-off after
/// it get that failure too, so that the next burst does not ask a failing provider once more per request.
/// </summary>
/// <remarks>
/// Hand-written because HybridCache's stampede protection does not fit: it cancels the shared work once every caller
/// has given up (a refresh must run to its end), shares no failure past the callers already waiting, and caches what
/// succeeded, which would keep tokens outside the encrypted store.
/// </remarks>
public sealed class RefreshFlights(TimeProvider time)
{
    private readonly Dictionary<string, Task<ProviderAccess>> _flights = new(StringComparer.Ordinal);

    /// <summary>The number of connections with a refresh in flight or in its back-off.</summary>
    public int Count
    {
        get
        {
            lock (_flights)
            {
                return _flights.Count;
            }
        }
    }

    /// <summary>
    /// Waits for the refresh of <paramref name="key"/> that is in flight (or failed within the back-off), or starts
    /// <paramref name="refresh"/> when there is none.
    /// </summary>
    /// <param name="wait">How long this caller waits at most; the refresh itself goes on.</param>
    /// <param name="failureBackoff">How long a failure of a refresh this call starts is shared with later callers.</param>
    /// <param name="cancellationToken">Ends this caller's wait only, never the refresh.</param>
    /// <exception cref="TimeoutException">The refresh did not end within <paramref name="wait"/>.</exception>
    public Task<ProviderAccess> JoinAsync(
        string key,
        Func<Task<ProviderAccess>> refresh,
        TimeSpan wait,
        TimeSpan failureBackoff,
        CancellationToken cancellationToken)
    {
        Task<ProviderAccess> flight;
        lock (_flights)
        {
            if (!_flights.TryGetValue(key, out flight!))
            {
                flight = FlyAsync(key, refresh, failureBackoff);
                _flights[key] = flight;

                // Every waiter may have given up before a refresh fails: its failure is then read here, not left unobserved.
                _ = flight.ContinueWith(static landed => _ = landed.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }

        return flight.WaitAsync(wait, time, cancellationToken);
    }

    private async Task<ProviderAccess> FlyAsync(string key, Func<Task<ProviderAccess>> refresh, TimeSpan failureBackoff)
    {
        // Off the caller's stack, so that the flight is registered before it can land.
        await Task.Yield();
        var backingOff = false;
        try
        {
            return await refresh();
        }
        catch (ProviderUnavailableException) when (failureBackoff > TimeSpan.Zero)
        {
            backingOff = true;
            _ = LandAfterAsync(key, failureBackoff);
            throw;
        }
        finally
        {
            // Landed before any waiter resumes: a caller that then asks again starts a new refresh.
            if (!backingOff)
            {
                Land(key);
            }
        }
    }

    private async Task LandAfterAsync(string key, TimeSpan delay)
    {
        await Task.Delay(delay, time);
        Land(key);
    }

    private void Land(string key)
    {
        lock (_flights)
        {
            _flights.Remove(key);
        }
    }
}
