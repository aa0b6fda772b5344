using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Hybrid;

namespace WebPortal.Data;

/// <summary>
/// What signed-in pages read of a person on every request (their user row, their connections' summaries), cached in a
/// <see cref="HybridCache"/> under one tag per user, so that a page view in steady state reads no database; the pages
/// rendered from it are kept in the output cache under the same tag. Every change to the user or their connections
/// calls <see cref="ChangedAsync"/>, which forgets all of it at once; entries also expire after <see cref="Lifetime"/>,
/// which bounds how long another instance's change can go unseen.
/// </summary>
public sealed class UserCache(HybridCache cache, IOutputCacheStore pages)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private static readonly HybridCacheEntryOptions Entry = new() { Expiration = Lifetime, LocalCacheExpiration = Lifetime };

    /// <summary>The value cached as <paramref name="kind"/> for the user, read with <paramref name="read"/> when absent.</summary>
    /// <typeparam name="TState">What <paramref name="read"/> needs, passed without a closure.</typeparam>
    /// <typeparam name="T">Immutable (sealed, <c>[ImmutableObject(true)]</c>), so that the cache hands out its one instance.</typeparam>
    public ValueTask<T> GetOrReadAsync<TState, T>(string kind, Guid userId, TState state, Func<TState, CancellationToken, ValueTask<T>> read, CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync($"{kind}:{userId:N}", state, read, Entry, [Tag(userId)], cancellationToken);

    /// <summary>Everything cached about the user is stale: their row or one of their connections changed.</summary>
    public async ValueTask ChangedAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await cache.RemoveByTagAsync(Tag(userId), cancellationToken);
        await pages.EvictByTagAsync(Tag(userId), cancellationToken);
    }

    /// <summary>The tag of everything cached about the user.</summary>
    public static string Tag(Guid userId) => $"user:{userId:N}";
}
