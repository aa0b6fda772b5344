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
public sealed record ConnectionSummary(
    string Provider,
    ConnectionStatus Status,
    DateTimeOffset ConnectedAt,
    DateTimeOffset? LastRefreshedAt,
    DateTimeOffset? AccessTokenExpiresAt);
