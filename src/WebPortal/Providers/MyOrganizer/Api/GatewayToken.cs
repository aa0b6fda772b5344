using System.Text.Json;
using WebPortal.Tokens;

namespace WebPortal.Providers.MyOrganizer.Api;

/// <summary>An app token the gateway issued, as the portal keeps it.</summary>
public sealed record GatewayToken(string AccessToken, string? RefreshToken, DateTimeOffset ExpiresAt, IReadOnlyList<string> Scopes)
{
    /// <summary>
    /// What the portal keeps of the gateway's answer; <see cref="TokenAnswer"/> reads its quirks (<c>expires_in</c> as a
    /// Unix timestamp from Fusio before 4.0.3, or as a string; scopes separated by commas).
    /// </summary>
    public static GatewayToken From(TokenAnswer answer, DateTimeOffset now) =>
        new(answer.AccessToken, answer.RefreshToken, answer.ExpiresAt(now), answer.Scopes);

    /// <summary>Reads a token answer; null when it has no access token.</summary>
    public static GatewayToken? FromAnswer(JsonElement answer, DateTimeOffset now) =>
        TokenAnswer.Read(answer) is { } read ? From(read, now) : null;
}
