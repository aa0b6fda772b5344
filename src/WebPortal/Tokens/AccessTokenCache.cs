using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using WebPortal.Scaling;

namespace WebPortal.Tokens;

/// <summary>
/// Keeps valid access tokens in this process's memory for a short while, so that a page view does not read and
/// decrypt the database row every time. Entries are per person and provider, end before the token enters its
/// refresh skew, and never outlive <see cref="TokenRefreshOptions.CacheDuration"/>. A token forgotten here is
/// forgotten by every other instance too (<see cref="IPeerInstances"/>), and while this instance may miss what they
/// tell, nothing is taken from here. Tokens stay in memory, never in a shared cache; refresh tokens are never cached:
/// a refresh always reads the database.
/// </summary>
public sealed class AccessTokenCache(IMemoryCache cache, IOptions<TokenRefreshOptions> options, IPeerInstances peers, TimeProvider time) : ILocalCache, IDisposable
{
    // Every entry expires with the current source, so that all of them can be forgotten at once.
    private CancellationTokenSource _everything = new();

    public bool TryGet(Guid userId, string provider, out ProviderAccess access)
    {
        access = null!;
        return peers.CachesAreInSync && cache.TryGetValue(new Key(userId, provider), out access!);
    }

    public void Remember(ProviderAccess access)
    {
        var settings = options.Value;
        var until = Min(access.ExpiresAt - settings.RefreshSkew, time.GetUtcNow() + settings.CacheDuration);
        if (until > time.GetUtcNow() && peers.CachesAreInSync)
        {
            using var entry = cache.CreateEntry(new Key(access.UserId, access.Provider));
            entry.Value = access;
            entry.AbsoluteExpiration = until;
            entry.AddExpirationToken(new CancellationChangeToken(Volatile.Read(ref _everything).Token));
        }
    }

    /// <summary>The connection's token is no longer good: forgotten here and by every other instance.</summary>
    public void Forget(Guid userId, string provider)
    {
        ForgetHere(userId, provider);
        peers.Tell(CacheInvalidation.ForAccessToken(userId, provider));
    }

    ValueTask ILocalCache.ForgetHereAsync(CacheInvalidation invalidation)
    {
        if (invalidation.Kind == InvalidationKind.AccessToken)
        {
            ForgetHere(invalidation.UserId, invalidation.Provider!);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>This instance may have missed changes: every token is read from the database again.</summary>
    ValueTask ILocalCache.ForgetAllHereAsync()
    {
        // Cancelled, not disposed: a Remember running meanwhile may still read the previous source's token.
        Interlocked.Exchange(ref _everything, new CancellationTokenSource()).Cancel();
        return ValueTask.CompletedTask;
    }

    public void Dispose() => _everything.Dispose();

    private void ForgetHere(Guid userId, string provider) => cache.Remove(new Key(userId, provider));

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private sealed record Key(Guid UserId, string Provider);
}
