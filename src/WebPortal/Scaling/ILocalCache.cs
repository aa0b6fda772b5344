namespace WebPortal.Scaling;

/// <summary>
/// A cache in this process's memory that another instance's change can make stale: told of every invalidation the
/// other instances send, and told to forget everything when this instance may have missed some.
/// </summary>
public interface ILocalCache
{
    /// <summary>Forgets what <paramref name="invalidation"/> names, if it is about this cache; here only.</summary>
    ValueTask ForgetHereAsync(CacheInvalidation invalidation);

    /// <summary>Forgets everything it holds; here only.</summary>
    ValueTask ForgetAllHereAsync();
}
