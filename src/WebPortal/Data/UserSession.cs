namespace WebPortal.Data;

/// <summary>
/// A signed-in browser's session, kept on the server: the cookie carries only a random key, whose SHA-256 hash
/// (<see cref="KeyHash"/>) finds this row, so that a copy of the database cannot be replayed as a cookie.
/// </summary>
public sealed class UserSession
{
    /// <summary>The session's public id: what the "My sessions" page and the admin pages name it by.</summary>
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public required string KeyHash { get; set; }

    /// <summary>The serialized authentication ticket: the portal's principal and its properties, never a provider token.</summary>
    public required byte[] Ticket { get; set; }

    /// <summary>The provider the browser signed in with.</summary>
    public required string SignInProvider { get; set; }

    /// <summary>The browser's name (Firefox), read from its User-Agent at sign-in; null when it does not say.</summary>
    public string? Browser { get; set; }

    /// <summary>The browser's operating system (Windows), read likewise.</summary>
    public string? OperatingSystem { get; set; }

    /// <summary>The client address at sign-in, after the forwarded headers of a trusted proxy.</summary>
    public string? IpAddress { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The last request the session made, written at most once a minute.</summary>
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>The end of its absolute lifetime, whatever its activity.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    public PortalUser? User { get; set; }
}
