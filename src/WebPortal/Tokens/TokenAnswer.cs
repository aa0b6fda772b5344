using System.Globalization;
using System.Text.Json;

namespace WebPortal.Tokens;

/// <summary>
/// A token endpoint's answer that granted tokens, read the one way every provider's answer is read: the sign-in code
/// exchanges, the refreshes and the API gateway's app tokens. The providers' quirks in their answers are handled here
/// and nowhere else: <c>expires_in</c> as a number or a string, as seconds or as a Unix timestamp, or missing; a
/// <c>scope</c> or a member id sent as a string or a number.
/// </summary>
public sealed class TokenAnswer
{
    /// <summary>Lifetime assumed when an answer omits or garbles <c>expires_in</c>; the notes' examples are 3600 s.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

    /// <summary>
    /// Above this, <c>expires_in</c> is a moment, not a duration: Fusio gateways older than 4.0.3 (late 2023) send an
    /// absolute Unix timestamp, newer ones seconds (MyOrganizer's provider page, "What the gateway's source says"). No
    /// provider means a lifetime of 31 years.
    /// </summary>
    private const double UnixTimestampThreshold = 1_000_000_000;

    /// <summary>The longest lifetime believed; a longer one is cut to this.</summary>
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(366);

    private TokenAnswer(JsonElement json, string accessToken)
    {
        Json = json;
        AccessToken = accessToken;
    }

    /// <summary>The whole answer, for what only one provider sends (KlasCement's <c>user_id</c>).</summary>
    public JsonElement Json { get; }

    public string AccessToken { get; }

    /// <summary>Null when the answer carries none (KlasCement's refresh answer): the stored one stays in use.</summary>
    public string? RefreshToken => Text("refresh_token") is { Length: > 0 } token ? token : null;

    public string? IdToken => Text("id_token");

    /// <summary>As sent: space-separated in OAuth 2.0, comma-separated at the API gateway.</summary>
    public string? Scope => Text("scope") is { Length: > 0 } scope ? scope : null;

    /// <summary>The scopes, whether space- or comma-separated.</summary>
    public IReadOnlyList<string> Scopes => Scope?.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    /// <summary>Reads an answer; null when it is no JSON object with an <c>access_token</c> string.</summary>
    public static TokenAnswer? Read(JsonElement json) =>
        json.ValueKind == JsonValueKind.Object
        && json.TryGetProperty("access_token", out var accessToken)
        && accessToken.ValueKind == JsonValueKind.String
        && accessToken.GetString() is { Length: > 0 } token
            ? new TokenAnswer(json.Clone(), token)
            : null;

    /// <summary>A field sent as a string or a number, as text; null when missing, null or of another kind.</summary>
    public string? Text(string name) =>
        Json.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        }
        : null;

    /// <summary>When the access token expires, from <c>expires_in</c>.</summary>
    public DateTimeOffset ExpiresAt(DateTimeOffset now) => ExpiresAt(Text("expires_in"), now);

    /// <summary>What the portal keeps of the answer.</summary>
    public ProviderTokens ToProviderTokens(DateTimeOffset now) => new(AccessToken, RefreshToken, ExpiresAt(now), Scope);

    /// <summary>
    /// When a token whose answer said <paramref name="expiresIn"/> expires: a number of seconds (whole or not, sent as a
    /// number or a string), a Unix timestamp when it is too large to be a lifetime, and <see cref="DefaultLifetime"/> from
    /// now when it is missing or garbled.
    /// </summary>
    public static DateTimeOffset ExpiresAt(string? expiresIn, DateTimeOffset now)
    {
        if (!double.TryParse(expiresIn, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            return now + DefaultLifetime;
        }

        if (value > UnixTimestampThreshold)
        {
            var moment = DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(value, DateTimeOffset.MaxValue.ToUnixTimeSeconds()));
            return moment < now + MaxLifetime ? moment : now + MaxLifetime;
        }

        return now + TimeSpan.FromSeconds(Math.Clamp(value, 0, MaxLifetime.TotalSeconds));
    }
}
