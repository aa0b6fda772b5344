using System.ComponentModel;

namespace WebPortal.Sessions;

/// <summary>
/// What a request needs of its session row. Immutable, so that the memory cache hands out the one instance it keeps
/// rather than a copy per request.
/// </summary>
[ImmutableObject(true)]
public sealed record CachedSession(Guid Id, Guid UserId, byte[] Ticket, DateTimeOffset LastSeenAt, DateTimeOffset ExpiresAt)
{
    public bool HasEnded(DateTimeOffset now, TimeSpan idleTimeout) => now >= ExpiresAt || now - LastSeenAt >= idleTimeout;
}
