namespace WebPortal.Data;

/// <summary>
/// One thing that happened to a portal account, and who did it. Entries name users by id and keep their display
/// name as it was, so that they outlive the user; they never hold a token, a code or a secret.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Grows with every entry: the log is read newest first by it.</summary>
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public AuditAction Action { get; set; }

    /// <summary>Who did it: the person themselves, an admin, or null for the portal (a refresh, the configuration).</summary>
    public Guid? ActorUserId { get; set; }

    public string? ActorName { get; set; }

    /// <summary>Whose account it happened to.</summary>
    public Guid? SubjectUserId { get; set; }

    public string? SubjectName { get; set; }

    public string? Provider { get; set; }

    /// <summary>The provider's identifier of the external account concerned (not a secret: admins see it on every account).</summary>
    public string? ExternalUserId { get; set; }

    /// <summary>A reason or outcome code (e.g. <c>invalid_grant</c>, <c>Refreshed</c>); never text a provider wrote.</summary>
    public string? Detail { get; set; }

    /// <summary>The client address of the request that caused it; the forwarded one only when forwarded headers are enabled.</summary>
    public string? ClientIp { get; set; }
}

public enum AuditAction
{
    /// <summary>A person signed in with a provider.</summary>
    SignedIn,

    /// <summary>A first sign-in created the portal account with its first linked account.</summary>
    FirstLink,

    /// <summary>A signed-in person linked an account of another provider (or replaced theirs).</summary>
    ProviderLinked,

    /// <summary>Linking was refused: the external account belongs to another portal user.</summary>
    LinkRefused,

    /// <summary>A connection needs a new sign-in with its provider; <see cref="AuditEntry.Detail"/> says why.</summary>
    ReconnectNeeded,

    /// <summary>A sign-in restored a connection that needed a reconnect.</summary>
    Reconnected,

    /// <summary>A connection was removed with its tokens, by the person or an admin.</summary>
    Unlinked,

    /// <summary>A portal account was deleted with its connections and tokens, by the person or an admin.</summary>
    AccountDeleted,

    /// <summary>An admin had a connection's token refreshed; <see cref="AuditEntry.Detail"/> holds the outcome.</summary>
    RefreshForced,

    AdminGranted,

    AdminRevoked,

    /// <summary>Sessions were ended, by the person (one, or all others) or by an admin (all); <see cref="AuditEntry.Detail"/> holds how many.</summary>
    SessionsEnded,
}
