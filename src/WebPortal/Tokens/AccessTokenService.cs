using Microsoft.Extensions.Options;
using WebPortal.Data;
using WebPortal.Observability;

namespace WebPortal.Tokens;

/// <summary>
/// The one place that gives a call on a person's behalf a valid access token: it refreshes a token that is about
/// to expire, refreshes once more when the API refuses a token, and runs one refresh per connection at a time, whose
/// outcome every request waiting for it shares (see <see cref="RefreshFlights"/>), and across instances one at a time
/// (<see cref="RefreshLocks"/>).
/// </summary>
public sealed partial class AccessTokenService(
    ProviderConnectionStore requestStore,
    AccessTokenCache cache,
    IServiceScopeFactory scopes,
    RefreshFlights flights,
    RefreshLocks locks,
    PortalMetrics metrics,
    TimeProvider time,
    IOptions<TokenRefreshOptions> options,
    ILogger<AccessTokenService> logger)
{
    /// <summary>Returns an access token that is valid for at least the refresh skew, refreshing it first if needed.</summary>
    /// <exception cref="ProviderAccessException">No connection, a connection to renew, or a provider that failed to refresh.</exception>
    public async Task<ProviderAccess> GetAccessAsync(Guid userId, string provider, CancellationToken cancellationToken)
    {
        if (cache.TryGet(userId, provider, out var cached))
        {
            return cached;
        }

        var connection = await FindUsableAsync(requestStore, userId, provider, withRefreshToken: false, cancellationToken);
        if (IsFresh(connection))
        {
            return Remember(connection);
        }

        try
        {
            return await RefreshAsync(userId, provider, rejectedAccessToken: null, cancellationToken);
        }
        catch (ProviderUnavailableException unavailable) when (IsStillValid(connection))
        {
            // The refresh was early: the stored token still works, so a provider that is slow or failing now does not
            // fail the page. The next refresh is tried after the back-off.
            LogServingStoredToken(logger, provider, userId, unavailable.Failure, connection.ExpiresAt!.Value);
            return new ProviderAccess(userId, provider, connection.ProviderUserId, connection.AccessToken!, connection.ExpiresAt!.Value);
        }
    }

    /// <summary>
    /// Refreshes the connection's access token now, however fresh it is, through the same single flight as every other
    /// refresh (an admin's "Refresh now"): a refresh already in flight is joined rather than doubled.
    /// </summary>
    /// <exception cref="ProviderAccessException">No connection, a connection to renew, or a provider that failed to refresh.</exception>
    public async Task<ProviderAccess> RefreshNowAsync(Guid userId, string provider, CancellationToken cancellationToken)
    {
        await FindUsableAsync(requestStore, userId, provider, withRefreshToken: false, cancellationToken);
        return await RefreshAsync(userId, provider, rejectedAccessToken: null, cancellationToken, force: true);
    }

    /// <summary>
    /// Refreshes a token the provider's API refused (401), through the same single flight as every other refresh; a
    /// refresh that another request started meanwhile, which already replaced the refused token, is used as it is.
    /// </summary>
    /// <exception cref="ProviderAccessException">No connection, a connection to renew, or a provider that failed to refresh.</exception>
    public Task<ProviderAccess> RefreshRejectedAsync(ProviderAccess rejected, CancellationToken cancellationToken)
    {
        LogAccessTokenRejected(logger, rejected.Provider, rejected.UserId);
        return RefreshAsync(rejected.UserId, rejected.Provider, rejected.AccessToken, cancellationToken);
    }

    /// <summary>Waits, at most <see cref="TokenRefreshOptions.RefreshWaitTimeout"/>, for the connection's refresh in flight, or starts one.</summary>
    /// <param name="force">Refresh even a token that is still fresh.</param>
    private async Task<ProviderAccess> RefreshAsync(Guid userId, string provider, string? rejectedAccessToken, CancellationToken cancellationToken, bool force = false)
    {
        var settings = options.Value;
        var started = time.GetTimestamp();
        try
        {
            var access = await JoinAsync();

            // The refresh this request joined was started by one that did not know this token had been refused, and
            // found it still fresh: ask again, now saying so.
            return access.AccessToken == rejectedAccessToken ? await JoinAsync() : access;
        }
        catch (TimeoutException)
        {
            LogGaveUpWaiting(logger, provider, userId, settings.RefreshWaitTimeout);
            throw new ProviderUnavailableException(provider, UpstreamFailure.Timeout);
        }
        finally
        {
            metrics.WaitedForRefresh(provider, time.GetElapsedTime(started));
        }

        Task<ProviderAccess> JoinAsync() => flights.JoinAsync(
            $"{provider}:{userId:N}",
            () => RefreshConnectionAsync(userId, provider, rejectedAccessToken, force),
            settings.RefreshWaitTimeout,
            settings.RefreshFailureBackoff,
            cancellationToken);
    }

    /// <summary>One refresh of a connection; the requests that need it meanwhile wait for this one.</summary>
    private async Task<ProviderAccess> RefreshConnectionAsync(Guid userId, string provider, string? rejectedAccessToken, bool force)
    {
        // A refresh may outlive every request waiting for it, so it has a scope (database, refresher) of its own.
        await using (var scope = scopes.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<ProviderConnectionStore>();
            var refreshers = scope.ServiceProvider.GetServices<IProviderTokenRefresher>();

            // Other instances' refreshes of this connection wait, so that a rotating refresh token is spent once.
            await using var held = await locks.AcquireAsync(userId, provider);

            // Read again, after the lock: a request that arrives just after a refresh ended, here or on another
            // instance, finds the token it stored.
            var connection = await FindUsableAsync(store, userId, provider, withRefreshToken: true, CancellationToken.None);
            if (!force && IsFresh(connection) && connection.AccessToken != rejectedAccessToken)
            {
                metrics.Refreshed(provider, "already_fresh");
                return Remember(connection);
            }

            cache.Forget(userId, provider);
            if (connection.RefreshToken is null)
            {
                metrics.Refreshed(provider, "no_refresh_token");
                await store.MarkNeedsReconnectAsync(connection, ReconnectReasons.NoRefreshToken, refreshOutcome: null, CancellationToken.None);
                throw new ReconnectRequiredException(provider);
            }

            var refresher = refreshers.SingleOrDefault(r => r.Provider == provider)
                ?? throw new InvalidOperationException($"No token refresher is registered for {provider}.");

            // Once asked, a refresh runs to its end even if the person's request is aborted: a provider that rotates
            // refresh tokens would otherwise have issued a new one that is never stored. Its client's timeout bounds it.
            switch (await refresher.RefreshAsync(connection, CancellationToken.None))
            {
                case TokenRefreshResult.Refreshed(var tokens):
                    LogRefreshed(logger, provider, userId, tokens.ExpiresAt);
                    metrics.Refreshed(provider, "refreshed");
                    var access = new ProviderAccess(userId, provider, connection.ProviderUserId, tokens.AccessToken, tokens.ExpiresAt);
                    if (await store.SaveRefreshedAsync(connection, tokens, CancellationToken.None))
                    {
                        cache.Remember(access);
                    }
                    else
                    {
                        // Not cached: the connection may have been unlinked or reconnected meanwhile, and only the
                        // stored state may outlive this request.
                        LogConcurrentChange(logger, provider, userId);
                    }

                    return access;

                case TokenRefreshResult.Rejected(var reason):
                    LogRefreshRejected(logger, provider, userId, reason);
                    metrics.Refreshed(provider, "rejected");
                    await store.MarkNeedsReconnectAsync(connection, ReconnectReasons.Rejection(reason), RefreshOutcomes.Rejected, CancellationToken.None);
                    throw new ReconnectRequiredException(provider);

                case TokenRefreshResult.Untrusted(var reason):
                    LogRefreshAnswerUntrusted(logger, provider, userId, reason);
                    metrics.Refreshed(provider, "untrusted");
                    await store.MarkNeedsReconnectAsync(connection, ReconnectReasons.UntrustedAnswer, RefreshOutcomes.Untrusted, CancellationToken.None);
                    throw new ReconnectRequiredException(provider);

                case TokenRefreshResult.Failed(UpstreamFailure.ClientRejected):
                    LogClientRejected(logger, provider);
                    metrics.Refreshed(provider, "client_rejected");
                    await store.RecordRefreshFailureAsync(connection, RefreshOutcomes.Failed(UpstreamFailure.ClientRejected), CancellationToken.None);
                    throw new ProviderUnavailableException(provider, UpstreamFailure.ClientRejected);

                case TokenRefreshResult.Failed(var failure):
                    LogRefreshFailed(logger, provider, userId, failure);
                    metrics.Refreshed(provider, "failed");
                    await store.RecordRefreshFailureAsync(connection, RefreshOutcomes.Failed(failure), CancellationToken.None);
                    throw new ProviderUnavailableException(provider, failure);

                default:
                    throw new InvalidOperationException("Unknown refresh result.");
            }
        }
    }

    private static async Task<StoredConnection> FindUsableAsync(ProviderConnectionStore store, Guid userId, string provider, bool withRefreshToken, CancellationToken cancellationToken)
    {
        var connection = await store.FindAsync(userId, provider, withRefreshToken, cancellationToken)
            ?? throw new ProviderNotConnectedException(provider);
        return connection.Status == ConnectionStatus.NeedsReconnect
            ? throw new ReconnectRequiredException(provider)
            : connection;
    }

    private bool IsFresh(StoredConnection connection) =>
        connection.AccessToken is not null
        && connection.ExpiresAt is { } expiresAt
        && expiresAt - options.Value.RefreshSkew > time.GetUtcNow();

    /// <summary>Not expired yet, though maybe within the refresh skew.</summary>
    private bool IsStillValid(StoredConnection connection) =>
        connection.AccessToken is not null
        && connection.ExpiresAt is { } expiresAt
        && expiresAt > time.GetUtcNow();

    private ProviderAccess Remember(StoredConnection connection)
    {
        var access = new ProviderAccess(connection.UserId, connection.Provider, connection.ProviderUserId, connection.AccessToken!, connection.ExpiresAt!.Value);
        cache.Remember(access);
        return access;
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Refreshed the {Provider} access token of user {UserId}; it expires at {ExpiresAt:o}")]
    private static partial void LogRefreshed(ILogger logger, string provider, Guid userId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "{Provider} refused the refresh token of user {UserId} ({Reason}); the connection needs a reconnect")]
    private static partial void LogRefreshRejected(ILogger logger, string provider, Guid userId, string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Refreshing the {Provider} access token of user {UserId} failed: {Failure}")]
    private static partial void LogRefreshFailed(ILogger logger, string provider, Guid userId, UpstreamFailure failure);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "{Provider}'s refresh answer for user {UserId} was refused ({Reason}); nothing of it was stored and the connection needs a reconnect")]
    private static partial void LogRefreshAnswerUntrusted(ILogger logger, string provider, Guid userId, string reason);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Error, Message = "{Provider} refused the portal's client credentials at its refresh endpoint: check the client id and secret. Connections are kept")]
    private static partial void LogClientRejected(ILogger logger, string provider);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "The {Provider} API refused the access token of user {UserId}; refreshing and trying once more")]
    private static partial void LogAccessTokenRejected(ILogger logger, string provider, Guid userId);

    [LoggerMessage(EventId = 2020, Level = LogLevel.Warning, Message = "Gave up waiting {WaitTimeout} for the refresh of the {Provider} access token of user {UserId}; the refresh goes on")]
    private static partial void LogGaveUpWaiting(ILogger logger, string provider, Guid userId, TimeSpan waitTimeout);

    [LoggerMessage(EventId = 2021, Level = LogLevel.Information, Message = "The early refresh of the {Provider} access token of user {UserId} failed ({Failure}); the stored token, valid until {ExpiresAt:o}, is used meanwhile")]
    private static partial void LogServingStoredToken(ILogger logger, string provider, Guid userId, UpstreamFailure failure, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "The {Provider} connection of user {UserId} changed while its token was refreshed; the newer state was kept")]
    private static partial void LogConcurrentChange(ILogger logger, string provider, Guid userId);
}
