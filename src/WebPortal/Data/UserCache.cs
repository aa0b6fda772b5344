using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Hybrid;
using WebPortal.Scaling;

namespace WebPortal.Data;

/// <summary>
/// What signed-in pages read of a person on every request (their user row, their connections' summaries), cached in a
/// <see cref="HybridCache"/> under one tag per user, so that a page view in steady state reads no database; the pages
/// rendered from it are kept in the output cache under the same tag. Every change to the user or their connections
/// calls <see cref="ChangedAsync"/>, which forgets all of it at once, here and on every other instance
/// (<see cref="IPeerInstances"/>); while this instance may miss what they tell, the cache is bypassed. Entries also
/// expire after <see cref="Lifetime"/>, which bounds how long a change can go unseen even so.
/// </summary>
public sealed class UserCache(HybridCache cache, IOutputCacheStore pages, IPeerInstances peers) : ILocalCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    /// <summary>The tag of everything this cache and the signed-in pages keep, whoever it is about.</summary>
    public const string EveryUserTag = "users";

    private static readonly HybridCacheEntryOptions Entry = new() { Expiration = Lifetime, LocalCacheExpiration = Lifetime };

    /// <summary>The value cached as <paramref name="kind"/> for the user, read with <paramref name="read"/> when absent.</summary>
    /// <typeparam name="TState">What <paramref name="read"/> needs, passed without a closure.</typeparam>
    /// <typeparam name="T">Immutable (sealed, <c>[ImmutableObject(true)]</c>), so that the cache hands out its one instance.</typeparam>
    public ValueTask<T> GetOrReadAsync<TState, T>(string kind, Guid userId, TState state, Func<TState, CancellationToken, ValueTask<T>> read, CancellationToken cancellationToken) =>
        peers.CachesAreInSync
            ? cache.GetOrCreateAsync($"{kind}:{userId:N}", state, read, Entry, [Tag(userId), EveryUserTag], cancellationToken)
            : read(state, cancellationToken);

    /// <summary>Everything cached about the user is stale, here and on every other instance: their row or one of their connections changed.</summary>
    public async ValueTask ChangedAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await ForgetHereAsync(userId, cancellationToken);
        peers.Tell(CacheInvalidation.ForUser(userId));
    }

    ValueTask ILocalCache.ForgetHereAsync(CacheInvalidation invalidation) =>
        invalidation.Kind == InvalidationKind.User ? ForgetHereAsync(invalidation.UserId, CancellationToken.None) : ValueTask.CompletedTask;

    /// <summary>This instance may have missed changes: everything about every user is read again.</summary>
    async ValueTask ILocalCache.ForgetAllHereAsync()
    {
        await cache.RemoveByTagAsync(EveryUserTag);
        await pages.EvictByTagAsync(EveryUserTag, CancellationToken.None);
    }

    private async ValueTask ForgetHereAsync(Guid userId, CancellationToken cancellationToken)
    {
        await cache.RemoveByTagAsync(Tag(userId), cancellationToken);
        await pages.EvictByTagAsync(Tag(userId), cancellationToken);
    }

    /// <summary>The tag of everything cached about the user.</summary>
    public static string Tag(Guid userId) => $"user:{userId:N}";
}
