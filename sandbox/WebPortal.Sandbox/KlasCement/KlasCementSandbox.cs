using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace WebPortal.Sandbox.KlasCement;

/// <summary>
/// The state of the KlasCement stand-in: issued codes and tokens, what it was asked, and the faults it should
/// simulate. Tests read and steer it directly; the endpoints in <see cref="KlasCementSandboxEndpoints"/> use it.
/// </summary>
public sealed class KlasCementSandbox(IOptions<KlasCementSandboxOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, IssuedCode> _codes = new();
    private readonly ConcurrentDictionary<string, IssuedAccessToken> _accessTokens = new();
    private readonly ConcurrentDictionary<string, string> _refreshTokens = new();
    private readonly ConcurrentQueue<RecordedTokenRequest> _tokenRequests = new();
    private readonly ConcurrentQueue<string> _issuedSecrets = new();
    private int _refreshRequests;
    private int _profileRequests;

    public KlasCementSandboxOptions Options => options.Value;

    public SandboxBehaviour TokenEndpoint { get; set; }

    public SandboxBehaviour RefreshEndpoint { get; set; }

    public SandboxBehaviour ProfileEndpoint { get; set; }

    /// <summary>
    /// Rewrites every token and refresh answer before it is sent, to give it a shape the note does not show
    /// (a numeric <c>user_id</c>, <c>expires_in</c> as a string, a missing field).
    /// </summary>
    public Action<IDictionary<string, object>>? ReshapeTokenAnswer { get; set; }

    /// <summary>Where a <see cref="SandboxBehaviour.Redirect"/> endpoint sends the client.</summary>
    public string RedirectTo { get; set; } = "http://127.0.0.1:9/";

    /// <summary>When set, the consent page answers every decision with this error on the callback instead of a code or <c>access_denied</c>.</summary>
    public (string Error, string Description)? CallbackError { get; set; }

    /// <summary>How long a <see cref="SandboxBehaviour.Slow"/> endpoint waits before answering.</summary>
    public TimeSpan SlowAnswerDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The answers being held by a <see cref="SandboxBehaviour.Slow"/> endpoint.</summary>
    public SlowAnswers SlowAnswers { get; } = new();

    /// <summary>Every request made to the token and refresh endpoints, in order.</summary>
    public IReadOnlyCollection<RecordedTokenRequest> TokenRequests => _tokenRequests;

    public int RefreshRequests => Volatile.Read(ref _refreshRequests);

    public int ProfileRequests => Volatile.Read(ref _profileRequests);

    /// <summary>Every code, access token and refresh token the sandbox handed out: none may ever show up in the portal's logs or pages.</summary>
    public IReadOnlyCollection<string> IssuedSecrets => _issuedSecrets;

    public KlasCementSandboxMember? FindMember(string id) => Options.Members.Find(m => m.Id == id);

    public string IssueCode(string memberId, string redirectUri)
    {
        var code = NewSecret();
        _codes[code] = new IssuedCode(memberId, redirectUri, time.GetUtcNow() + Options.CodeLifetime);
        return code;
    }

    /// <summary>Redeems a code once; null when it is unknown, used or expired.</summary>
    public string? RedeemCode(string code) =>
        _codes.TryRemove(code, out var issued) && issued.ExpiresAt > time.GetUtcNow() ? issued.MemberId : null;

    public string IssueAccessToken(string memberId)
    {
        var token = NewSecret();
        _accessTokens[token] = new IssuedAccessToken(memberId, time.GetUtcNow() + Options.AccessTokenLifetime);
        return token;
    }

    public string IssueRefreshToken(string memberId)
    {
        var token = NewSecret();
        _refreshTokens[token] = memberId;
        return token;
    }

    /// <summary>The member a live access token belongs to, or null.</summary>
    public string? ValidateAccessToken(string token) =>
        _accessTokens.TryGetValue(token, out var issued) && issued.ExpiresAt > time.GetUtcNow() ? issued.MemberId : null;

    public string? ValidateRefreshToken(string token) => _refreshTokens.GetValueOrDefault(token);

    /// <summary>Makes every access token issued so far invalid, as if they had expired at KlasCement.</summary>
    public void ExpireAccessTokens() => _accessTokens.Clear();

    /// <summary>Revokes every refresh token, as if the members withdrew the portal's access.</summary>
    public void RevokeRefreshTokens() => _refreshTokens.Clear();

    internal void Record(RecordedTokenRequest request)
    {
        _tokenRequests.Enqueue(request);
        if (request.Endpoint == TokenEndpointKind.Refresh)
        {
            Interlocked.Increment(ref _refreshRequests);
        }
    }

    internal void CountProfileRequest() => Interlocked.Increment(ref _profileRequests);

    private string NewSecret()
    {
        // 40 hex characters, like the tokens in KlasCement's note.
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        _issuedSecrets.Enqueue(secret);
        return secret;
    }

    private sealed record IssuedCode(string MemberId, string RedirectUri, DateTimeOffset ExpiresAt);

    private sealed record IssuedAccessToken(string MemberId, DateTimeOffset ExpiresAt);
}

public enum TokenEndpointKind
{
    Token,
    Refresh,
}

/// <summary>A request to the token or refresh endpoint as the sandbox received it.</summary>
public sealed record RecordedTokenRequest(TokenEndpointKind Endpoint, string? Authorization, IReadOnlyDictionary<string, string> Form);
