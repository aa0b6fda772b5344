using System.Globalization;
using System.Text.Json;

namespace WebPortal.Providers.MyOrganizer.Api;

/// <summary>An app token the gateway issued, as the portal keeps it.</summary>
public sealed record GatewayToken(string AccessToken, string? RefreshToken, DateTimeOffset ExpiresAt, IReadOnlyList<string> Scopes)
{
    /// <summary>
    /// Above this, <c>expires_in</c> is a moment, not a duration: Fusio gateways older than 4.0.3 (late 2023) send an
    /// absolute Unix timestamp, newer ones seconds (the provider page, "What the gateway's source says").
    /// </summary>
    private const double UnixTimestampThreshold = 1_000_000_000;

    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

    /// <summary>Reads a token answer; null when it has no access token.</summary>
    public static GatewayToken? FromAnswer(JsonElement answer, DateTimeOffset now)
    {
        if (answer.ValueKind != JsonValueKind.Object
            || !answer.TryGetProperty("access_token", out var accessToken)
            || accessToken.ValueKind != JsonValueKind.String
            || accessToken.GetString() is not { Length: > 0 } token)
        {
            return null;
        }

        return new GatewayToken(
            token,
            answer.TryGetProperty("refresh_token", out var refresh) && refresh.ValueKind == JsonValueKind.String ? refresh.GetString() : null,
            ReadExpiresAt(answer, now),
            ReadScopes(answer));
    }

    private static DateTimeOffset ReadExpiresAt(JsonElement answer, DateTimeOffset now)
    {
        if (!answer.TryGetProperty("expires_in", out var expiresIn))
        {
            return now + DefaultLifetime;
        }

        double? value = expiresIn.ValueKind switch
        {
            JsonValueKind.Number => expiresIn.GetDouble(),
            JsonValueKind.String when double.TryParse(expiresIn.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };

        return value switch
        {
            null => now + DefaultLifetime,
            > UnixTimestampThreshold => DateTimeOffset.FromUnixTimeSeconds((long)value.Value),
            _ => now + TimeSpan.FromSeconds(Math.Max(0, value.Value)),
        };
    }

    /// <summary>Fusio separates scopes with commas, OAuth 2.0 with spaces: either is read.</summary>
    private static string[] ReadScopes(JsonElement answer) =>
        answer.TryGetProperty("scope", out var scope) && scope.ValueKind == JsonValueKind.String
            ? scope.GetString()!.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
}
