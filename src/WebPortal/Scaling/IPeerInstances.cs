namespace WebPortal.Scaling;

/// <summary>
/// The other instances of the portal, as far as this one's caches are concerned: every change that a cache here
/// forgets is told to them, so that theirs forget it too.
/// </summary>
public interface IPeerInstances
{
    /// <summary>
    /// False while this instance may be missing what the others tell it (Redis unreachable): its caches of sessions,
    /// users, connections and pages are then bypassed, and every request reads the database.
    /// </summary>
    bool CachesAreInSync { get; }

    /// <summary>Tells every other instance, without waiting for them; an instance that cannot be told is out of sync.</summary>
    void Tell(CacheInvalidation invalidation);
}

/// <summary>One instance alone (no Redis): nobody to tell, and its caches see every change.</summary>
public sealed class NoPeerInstances : IPeerInstances
{
    public bool CachesAreInSync => true;

    public void Tell(CacheInvalidation invalidation)
    {
    }
}
