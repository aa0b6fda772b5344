
namespace WebPortal.Tokens;

/// <summary>What a provider's token endpoint granted, as the portal keeps it.</summary>
/// <param name="RefreshToken">Null when the answer carried none; the stored one then stays in use.</param>
public sealed record ProviderTokens(string AccessToken, string? RefreshToken, DateTimeOffset ExpiresAt, string? Scope)
{
    /// <summary>Lifetime assumed when a token answer omits or garbles <c>expires_in</c>.</summary>
    public static readonly TimeSpan DefaultLifetime = TokenAnswer.DefaultLifetime;

    /// <param name="expiresIn">The answer's <c>expires_in</c> as sent, read by <see cref="TokenAnswer.ExpiresAt(string?, DateTimeOffset)"/>.</param>
    public static ProviderTokens Create(string accessToken, string? refreshToken, string? expiresIn, string? scope, DateTimeOffset now) =>
        new(accessToken, string.IsNullOrEmpty(refreshToken) ? null : refreshToken, TokenAnswer.ExpiresAt(expiresIn, now), string.IsNullOrEmpty(scope) ? null : scope);
}

/// <summary>A valid access token for one call, with the provider account it belongs to.</summary>
public sealed record ProviderAccess(Guid UserId, string Provider, string ProviderUserId, string AccessToken, DateTimeOffset ExpiresAt);
