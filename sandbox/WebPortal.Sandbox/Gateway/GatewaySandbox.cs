using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace WebPortal.Sandbox.Gateway;

/// <summary>The one app the gateway stand-in knows, and how it answers.</summary>
public sealed class GatewaySandboxOptions
{
    public string AppKey { get; set; } = "webportal-sandbox-app";

    public string AppSecret { get; set; } = "";

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Comma-separated, as Fusio sends them.</summary>
    public string Scopes { get; set; } = "appointments.read,agenda.read";
}

/// <summary>How the gateway writes <c>expires_in</c>: Fusio sent an absolute Unix timestamp before 4.0.3 (late 2023), seconds since.</summary>
public enum ExpiresInStyle
{
    Seconds,
    SecondsAsString,
    UnixTimestamp,
}

/// <summary>The state of the gateway stand-in: issued app tokens, what it was asked, and how it answers.</summary>
public sealed class GatewaySandbox(IOptions<GatewaySandboxOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _accessTokens = new();
    private readonly ConcurrentDictionary<string, bool> _refreshTokens = new();
    private readonly ConcurrentQueue<string> _grants = new();

    public GatewaySandboxOptions Options => options.Value;

    public ExpiresInStyle ExpiresInStyle { get; set; }

    /// <summary>The <c>grant_type</c> of every token request, in order.</summary>
    public IReadOnlyCollection<string> Grants => _grants;

    internal void RecordGrant(string grantType) => _grants.Enqueue(grantType);

    internal (string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt) Issue()
    {
        var accessToken = NewSecret();
        var refreshToken = NewSecret();
        var expiresAt = time.GetUtcNow() + Options.AccessTokenLifetime;
        _accessTokens[accessToken] = expiresAt;
        _refreshTokens[refreshToken] = true;
        return (accessToken, refreshToken, expiresAt);
    }

    /// <summary>Revokes every refresh token issued so far.</summary>
    public void RevokeRefreshTokens() => _refreshTokens.Clear();

    /// <summary>Redeems a refresh token once.</summary>
    internal bool RedeemRefreshToken(string refreshToken) => _refreshTokens.TryRemove(refreshToken, out _);

    public bool IsValidAccessToken(string accessToken) =>
        _accessTokens.TryGetValue(accessToken, out var expiresAt) && expiresAt > time.GetUtcNow();

    internal object ExpiresIn(DateTimeOffset expiresAt) => ExpiresInStyle switch
    {
        ExpiresInStyle.SecondsAsString => ((int)Options.AccessTokenLifetime.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ExpiresInStyle.UnixTimestamp => expiresAt.ToUnixTimeSeconds(),
        _ => (int)Options.AccessTokenLifetime.TotalSeconds,
    };

    private static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
