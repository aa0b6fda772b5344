using System.ComponentModel;
using WebPortal.Data;

namespace WebPortal.Tokens;

/// <summary>A provider connection as read from the database, with its tokens decrypted.</summary>
/// <param name="RefreshToken">Null when there is none, or when it was not asked for.</param>
public sealed record StoredConnection(
    Guid Id,
    Guid UserId,
    string Provider,
    string ProviderUserId,
    string? AccessToken,
    string? RefreshToken,
    DateTimeOffset? ExpiresAt,
    string? Scope,
    ConnectionStatus Status,
    DateTimeOffset ConnectedAt,
    DateTimeOffset? LastRefreshedAt,
    Guid Version);

/// <summary>A provider connection without its tokens, for pages that list connections.</summary>
[ImmutableObject(true)]
public sealed record ConnectionSummary(
    string Provider,
    ConnectionStatus Status,
    DateTimeOffset ConnectedAt,
    DateTimeOffset? LastRefreshedAt,
    DateTimeOffset? AccessTokenExpiresAt);

/// <summary>A person's connection summaries as <see cref="UserCache"/> keeps them: one immutable value.</summary>
[ImmutableObject(true)]
public sealed record UserConnectionSummaries(IReadOnlyList<ConnectionSummary> Connections);

/// <summary>What came of a connection's last refresh, as stored in <see cref="ProviderConnection.LastRefreshOutcome"/>.</summary>
public static class RefreshOutcomes
{
    public const string Refreshed = "Refreshed";

    /// <summary>The provider refused the refresh token.</summary>
    public const string Rejected = "Rejected";

    /// <summary>The provider's answer named another account or failed validation; nothing of it was stored.</summary>
    public const string Untrusted = "Untrusted";

    /// <summary>The provider could not be reached or answered unusably: the <see cref="UpstreamFailure"/>'s name.</summary>
    public static string Failed(UpstreamFailure failure) => failure.ToString();
}

/// <summary>Why a connection needs a reconnect, as stored in <see cref="ProviderConnection.ReconnectReason"/> and the audit log.</summary>
public static class ReconnectReasons
{
    /// <summary>The provider gave no refresh token, so the access token cannot be renewed.</summary>
    public const string NoRefreshToken = "no_refresh_token";

    /// <summary>The provider's refresh answer named another account or failed validation.</summary>
    public const string UntrustedAnswer = "untrusted_answer";

    /// <summary>The provider's error code for a refused refresh token (<c>invalid_grant</c>), or <c>http_401</c> without one.</summary>
    /// <param name="reason">
    /// A <see cref="TokenRefreshResult.Rejected"/>'s reason: an error code already reduced to a validated one where the
    /// answer was read, or <c>HTTP 401</c>. Anything else that is not plainly a code is stored as <c>rejected</c>.
    /// </param>
    public static string Rejection(string reason) =>
        reason.StartsWith("HTTP ", StringComparison.Ordinal) ? $"http_{reason[5..]}"
        : reason.Length is > 0 and <= 64 && reason.All(c => c is (>= 'a' and <= 'z') or '_') ? reason
        : "rejected";
}
