using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OAuth;

namespace WebPortal.Tokens;

/// <summary>What a provider's token endpoint granted, as the portal keeps it.</summary>
/// <param name="RefreshToken">Null when the answer carried none; the stored one then stays in use.</param>
public sealed record ProviderTokens(string AccessToken, string? RefreshToken, DateTimeOffset ExpiresAt, string? Scope)
{
    /// <summary>Lifetime assumed when a token answer omits or garbles <c>expires_in</c>; the note's example is 3600 s.</summary>
    /// <remarks><c>expires_in</c> is read as a number of seconds, whole or not, sent as a number or as a string.</remarks>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

    public static ProviderTokens FromOAuthAnswer(OAuthTokenResponse answer, DateTimeOffset now)
    {
        var scope = answer.Response?.RootElement.TryGetProperty("scope", out var value) == true && value.ValueKind != JsonValueKind.Null
            ? value.ToString()
            : null;
        return Create(answer.AccessToken!, answer.RefreshToken, answer.ExpiresIn, scope, now);
    }

    /// <param name="expiresIn">The answer's <c>expires_in</c> as sent; a missing or garbled one gives <see cref="DefaultLifetime"/>.</param>
    public static ProviderTokens Create(string accessToken, string? refreshToken, string? expiresIn, string? scope, DateTimeOffset now)
    {
        var lifetime = double.TryParse(expiresIn, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(Math.Clamp(seconds, 0, TimeSpan.FromDays(366).TotalSeconds))
            : DefaultLifetime;
        return new ProviderTokens(accessToken, string.IsNullOrEmpty(refreshToken) ? null : refreshToken, now.Add(lifetime), string.IsNullOrEmpty(scope) ? null : scope);
    }
}

/// <summary>A valid access token for one call, with the provider account it belongs to.</summary>
public sealed record ProviderAccess(Guid UserId, string Provider, string ProviderUserId, string AccessToken, DateTimeOffset ExpiresAt);
