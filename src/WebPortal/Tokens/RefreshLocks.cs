using Medallion.Threading;
using Microsoft.Extensions.Options;

namespace WebPortal.Tokens;

/// <summary>
/// One refresh per connection across every instance of the portal: a lock per connection from the distributed lock
/// provider that several instances share (PostgreSQL's advisory locks), held only around a refresh. Within one instance <see cref="RefreshFlights"/> already lets one refresh run; on one instance with SQLite
/// there is no provider and nothing to lock.
/// </summary>
public sealed partial class RefreshLocks(IServiceProvider services, IOptions<TokenRefreshOptions> options, ILogger<RefreshLocks> logger)
{
    private readonly IDistributedLockProvider? _provider = services.GetService<IDistributedLockProvider>();

    /// <summary>Holds the connection's lock until disposed; null when there is no other instance to exclude.</summary>
    /// <exception cref="ProviderUnavailableException">Another instance held it for longer than <see cref="TokenRefreshOptions.RefreshLockTimeout"/>.</exception>
    public async Task<IAsyncDisposable?> AcquireAsync(Guid userId, string provider)
    {
        if (_provider is null)
        {
            return null;
        }

        var timeout = options.Value.RefreshLockTimeout;
        var handle = await _provider.TryAcquireLockAsync($"webportal:refresh:{provider}:{userId:N}", timeout);
        if (handle is null)
        {
            LogLockTimedOut(logger, provider, userId, timeout);
            throw new ProviderUnavailableException(provider, UpstreamFailure.Timeout);
        }

        return handle;
    }

    [LoggerMessage(EventId = 2022, Level = LogLevel.Warning, Message = "Another instance held the refresh lock of the {Provider} connection of user {UserId} for more than {Timeout}; this refresh gave up")]
    private static partial void LogLockTimedOut(ILogger logger, string provider, Guid userId, TimeSpan timeout);
}
