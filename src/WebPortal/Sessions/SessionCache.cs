using Microsoft.Extensions.Caching.Hybrid;

namespace WebPortal.Sessions;

/// <summary>
/// The one seam between the session lookup and where sessions are cached: a <see cref="HybridCache"/>, in this
/// process's memory and, once an <c>IDistributedCache</c> is registered (Redis), in that too. Unknown keys are cached
/// as well, so that a stream of made-up cookies does not read the database on every request. Every change to a session
/// goes through <see cref="ForgetAsync"/>; entries also expire, which bounds how long an instance that missed a change
/// can go on using one.
/// </summary>
public sealed class SessionCache(HybridCache cache)
{
    private static readonly HybridCacheEntryOptions Entry = new()
    {
        Expiration = TimeSpan.FromMinutes(10),
        LocalCacheExpiration = TimeSpan.FromMinutes(10),
    };

    public ValueTask<CachedSession?> FindAsync<TState>(string keyHash, TState state, Func<TState, CancellationToken, ValueTask<CachedSession?>> read, CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync(CacheKey(keyHash), state, read, Entry, cancellationToken: cancellationToken);

    public ValueTask RememberAsync(string keyHash, CachedSession session, CancellationToken cancellationToken) =>
        cache.SetAsync(CacheKey(keyHash), session, Entry, cancellationToken: cancellationToken);

    public async ValueTask ForgetAsync(IEnumerable<string> keyHashes, CancellationToken cancellationToken)
    {
        foreach (var keyHash in keyHashes)
        {
            await cache.RemoveAsync(CacheKey(keyHash), cancellationToken);
        }
    }

    private static string CacheKey(string keyHash) => $"session:{keyHash}";
}
