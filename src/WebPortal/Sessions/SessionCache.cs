using Microsoft.Extensions.Caching.Hybrid;
using WebPortal.Scaling;

namespace WebPortal.Sessions;

/// <summary>
/// The one seam between the session lookup and where sessions are cached: a <see cref="HybridCache"/> in this
/// process's memory. Unknown keys are cached as well, so that a stream of made-up cookies does not read the database on
/// every request. Every change to a session goes through <see cref="ForgetAsync"/>, which the other instances are told
/// of (<see cref="IPeerInstances"/>); while this instance may miss what they tell, the cache is bypassed. Entries also
/// expire, which bounds how long a change can go unseen even so.
/// </summary>
public sealed class SessionCache(HybridCache cache, IPeerInstances peers) : ILocalCache
{
    private const string Tag = "sessions";

    private static readonly HybridCacheEntryOptions Entry = new()
    {
        Expiration = TimeSpan.FromMinutes(10),
        LocalCacheExpiration = TimeSpan.FromMinutes(10),
    };

    private static readonly string[] Tags = [Tag];

    public ValueTask<CachedSession?> FindAsync<TState>(string keyHash, TState state, Func<TState, CancellationToken, ValueTask<CachedSession?>> read, CancellationToken cancellationToken) =>
        peers.CachesAreInSync
            ? cache.GetOrCreateAsync(CacheKey(keyHash), state, read, Entry, Tags, cancellationToken)
            : read(state, cancellationToken);

    public ValueTask RememberAsync(string keyHash, CachedSession session, CancellationToken cancellationToken) =>
        peers.CachesAreInSync ? cache.SetAsync(CacheKey(keyHash), session, Entry, Tags, cancellationToken) : ValueTask.CompletedTask;

    /// <summary>The sessions changed or ended: forgotten here and by every other instance.</summary>
    public async ValueTask ForgetAsync(IEnumerable<string> keyHashes, CancellationToken cancellationToken)
    {
        foreach (var keyHash in keyHashes)
        {
            await ForgetHereAsync(keyHash, cancellationToken);
            peers.Tell(CacheInvalidation.ForSession(keyHash));
        }
    }

    ValueTask ILocalCache.ForgetHereAsync(CacheInvalidation invalidation) =>
        invalidation.Kind == InvalidationKind.Session ? ForgetHereAsync(invalidation.Subject, CancellationToken.None) : ValueTask.CompletedTask;

    /// <summary>This instance may have missed changes: every session is read again.</summary>
    ValueTask ILocalCache.ForgetAllHereAsync() => cache.RemoveByTagAsync(Tag);

    private ValueTask ForgetHereAsync(string keyHash, CancellationToken cancellationToken) =>
        cache.RemoveAsync(CacheKey(keyHash), cancellationToken);

    private static string CacheKey(string keyHash) => $"session:{keyHash}";
}
