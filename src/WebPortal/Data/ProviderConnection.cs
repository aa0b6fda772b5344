namespace WebPortal.Data;

/// <summary>
/// One external account (a KlasCement member, …) linked to a portal user, with the tokens the portal
/// keeps on the user's behalf. Token columns hold Data Protection payloads, never plain tokens.
/// </summary>
public sealed class ProviderConnection
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public PortalUser? User { get; set; }

    /// <summary>The authentication scheme name of the provider, e.g. <c>KlasCement</c>.</summary>
    public required string Provider { get; set; }

    /// <summary>The provider's identifier of the account (KlasCement's <c>user_id</c>).</summary>
    public required string ProviderUserId { get; set; }

    public string? ProtectedAccessToken { get; set; }

    public string? ProtectedRefreshToken { get; set; }

    public DateTimeOffset? AccessTokenExpiresAt { get; set; }

    public string? Scope { get; set; }

    public ConnectionStatus Status { get; set; }

    public DateTimeOffset ConnectedAt { get; set; }

    /// <summary>When a refresh last succeeded.</summary>
    public DateTimeOffset? LastRefreshedAt { get; set; }

    /// <summary>When a refresh was last tried, whatever came of it.</summary>
    public DateTimeOffset? LastRefreshAttemptAt { get; set; }

    /// <summary>What came of the last refresh: <c>Refreshed</c>, <c>Rejected</c>, <c>Untrusted</c> or an <c>UpstreamFailure</c> name.</summary>
    public string? LastRefreshOutcome { get; set; }

    /// <summary>Why the connection needs a reconnect (a validated provider error code or the portal's own reason); null while active.</summary>
    public string? ReconnectReason { get; set; }

    /// <summary>Changes on every write; guards against two writers overwriting each other's tokens.</summary>
    public Guid Version { get; set; }
}

public enum ConnectionStatus
{
    Active,

    /// <summary>The provider refused the refresh token: only a new sign-in with the provider restores access.</summary>
    NeedsReconnect,
}
