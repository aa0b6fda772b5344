using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace WebPortal.Sandbox.MyOrganizer;

/// <summary>
/// The state of the B2C stand-in: its signing keys, the grants still redeemable, what it was asked, and the faults it
/// should simulate. Tests read and steer it directly; OpenIddict and the endpoints in <see cref="B2CSandboxServer"/> use it.
/// </summary>
public sealed class B2CSandbox
{
    // Grant id → the family of the sign-in it descends from: a refresh token's successor stays in its family.
    private readonly ConcurrentDictionary<string, string> _liveGrants = new();
    private readonly ConcurrentDictionary<string, string> _spentGrants = new();
    private int _replayedGrants;
    private readonly ConcurrentQueue<B2CTokenRequest> _tokenRequests = new();
    private readonly ConcurrentQueue<string> _issuedSecrets = new();
    private readonly List<RsaSecurityKey> _publishedKeys = [];
    private int _keySetRequests;

    public B2CSandbox(IOptions<B2CSandboxOptions> options)
    {
        Options = options.Value;
        SigningKey = NewKey();
        _publishedKeys.Add(SigningKey);
    }

    public B2CSandboxOptions Options { get; }

    /// <summary>The key that signs every token now; published in the JWKS.</summary>
    public RsaSecurityKey SigningKey { get; private set; }

    /// <summary>The key OpenIddict was configured with: the first one published.</summary>
    internal RsaSecurityKey InitialKey => _publishedKeys[0];

    /// <summary>Every key the JWKS lists.</summary>
    public IReadOnlyList<RsaSecurityKey> PublishedKeys
    {
        get
        {
            lock (_publishedKeys)
            {
                return [.. _publishedKeys];
            }
        }
    }

    /// <summary>How the next identity tokens are spoiled; <see cref="IdTokenFault.None"/> issues them as B2C would.</summary>
    public IdTokenFault IdTokenFault { get; set; }

    /// <summary>How the tokens of the next refresh answers are spoiled; code answers stay as B2C would issue them.</summary>
    public TokenAnswerFault RefreshAnswerFault { get; set; }

    /// <summary>How the tokens of the next code answers (sign-ins) are spoiled; refresh answers stay as B2C would issue them.</summary>
    public TokenAnswerFault CodeAnswerFault { get; set; }

    /// <summary>What issuer the user flows' metadata names; <see cref="MetadataFault.None"/> names the tenant's own.</summary>
    public MetadataFault MetadataFault { get; set; }

    /// <summary>How the token endpoint answers.</summary>
    public B2CEndpointBehaviour TokenEndpoint { get; set; }

    /// <summary>How the user flows' metadata endpoints answer: normally, or with a <see cref="B2CEndpointBehaviour.Redirect"/>.</summary>
    public B2CEndpointBehaviour MetadataEndpoint { get; set; }

    public TimeSpan SlowAnswerDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The token endpoint's answers being held by <see cref="B2CEndpointBehaviour.Slow"/>.</summary>
    public SlowAnswers SlowAnswers { get; } = new();

    /// <summary>Where a <see cref="B2CEndpointBehaviour.Redirect"/> token endpoint sends the client.</summary>
    public string RedirectTo { get; set; } = "http://127.0.0.1:9/";

    /// <summary>When set, a sign-in on the user-flow page goes back to the app with this error instead of a code.</summary>
    public (string Error, string Description)? CallbackError { get; set; }

    public IReadOnlyCollection<B2CTokenRequest> TokenRequests => _tokenRequests;

    public int RefreshRequests => _tokenRequests.Count(r => r.GrantType == "refresh_token");

    /// <summary>How often the JWKS was fetched.</summary>
    public int KeySetRequests => Volatile.Read(ref _keySetRequests);

    /// <summary>
    /// Every code and token the stand-in handed out, and every PKCE code verifier it received: none may ever show up
    /// in the portal's logs or pages.
    /// </summary>
    public IReadOnlyCollection<string> IssuedSecrets => _issuedSecrets;

    public B2CSandboxCustomer? FindCustomer(string objectId) => Options.Customers.Find(c => c.ObjectId == objectId);

    /// <summary>Publishes a new key and signs with it from now on, as B2C's key rollover does; the old key stays published.</summary>
    public RsaSecurityKey RotateSigningKey()
    {
        var key = NewKey();
        lock (_publishedKeys)
        {
            _publishedKeys.Add(key);
        }

        SigningKey = key;
        return key;
    }

    /// <summary>Makes every refresh token issued so far unusable, as when the customer loses access to MyOrganizer.</summary>
    public void RevokeRefreshTokens() => _liveGrants.Clear();

    /// <summary>
    /// How many times a spent code or refresh token was presented again. Each time, as B2C's reuse detection does, the
    /// whole family it belongs to was revoked: the refresh token that replaced it is refused from then on.
    /// </summary>
    public int ReplayedGrants => _replayedGrants;

    /// <summary>A new grant id for a code or refresh token, redeemable once; a successor keeps its predecessor's family.</summary>
    internal string IssueGrant(string? family = null)
    {
        var grant = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _liveGrants[grant] = family ?? grant;
        return grant;
    }

    /// <summary>
    /// Redeems a grant once: a code or a refresh token that was used, revoked or never issued gives false, and one that
    /// was used revokes its family.
    /// </summary>
    internal bool RedeemGrant(string? grant, out string family)
    {
        family = "";
        if (grant is null)
        {
            return false;
        }

        if (_liveGrants.TryRemove(grant, out var live))
        {
            _spentGrants[grant] = family = live;
            return true;
        }

        if (_spentGrants.TryGetValue(grant, out var replayed))
        {
            Interlocked.Increment(ref _replayedGrants);
            foreach (var (descendant, _) in _liveGrants.Where(entry => entry.Value == replayed))
            {
                _liveGrants.TryRemove(descendant, out _);
            }
        }

        return false;
    }

    internal void Record(B2CTokenRequest request) => _tokenRequests.Enqueue(request);

    internal void RecordIssued(string? secret)
    {
        if (!string.IsNullOrEmpty(secret))
        {
            _issuedSecrets.Enqueue(secret);
        }
    }

    internal void CountKeySetRequest() => Interlocked.Increment(ref _keySetRequests);

    private static RsaSecurityKey NewKey() =>
        new(RSA.Create(2048)) { KeyId = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(12)) };
}

/// <summary>A request to a policy's token endpoint, as the stand-in received it (secrets left out).</summary>
public sealed record B2CTokenRequest(string Policy, string GrantType, bool HasClientSecret, bool HasCodeVerifier, string? Scope);

/// <summary>Ways to spoil an identity token, each of which a relying party must refuse.</summary>
public enum IdTokenFault
{
    None,

    /// <summary>Signed by a key that is not the published one, under the published key's <c>kid</c>.</summary>
    BadSignature,

    /// <summary>Not signed at all: <c>alg: none</c>.</summary>
    AlgNone,
    WrongIssuer,
    WrongAudience,

    /// <summary>The issuer stays this tenant's, but <c>tid</c> names another tenant.</summary>
    WrongTenant,
    MissingSubject,
    Expired,
    NonceMismatch,

    /// <summary>Signed by a key whose <c>kid</c> the JWKS never lists, however often it is fetched.</summary>
    UnknownKeyId,
}

/// <summary>
/// Ways a token answer can name someone or something else than it should (for a refresh: than the sign-in did, OpenID
/// Connect Core 12.2), each of which a relying party must refuse. The tokens stay signed with the published key
/// unless said otherwise.
/// </summary>
public enum TokenAnswerFault
{
    None,

    /// <summary>The id_token names another customer of the tenant; the access token stays the customer's own.</summary>
    IdTokenForAnotherCustomer,

    /// <summary>The id_token is issued by another issuer.</summary>
    IdTokenFromAnotherIssuer,

    /// <summary>The id_token is for another client.</summary>
    IdTokenForAnotherAudience,

    /// <summary>The id_token's <c>tid</c> names another tenant; its issuer stays this tenant's.</summary>
    IdTokenForAnotherTenant,

    /// <summary>The id_token is signed by a key that is not the published one, under the published key's <c>kid</c>.</summary>
    IdTokenWithBadSignature,

    /// <summary>The access token names another customer, whose agenda the gateway then serves; the id_token stays sound.</summary>
    AccessTokenForAnotherCustomer,

    /// <summary>Both tokens name another customer, as a mixed-up or malicious token endpoint would send them.</summary>
    AnotherCustomer,
}

/// <summary>Ways the user flows' metadata can name an issuer that is not the configured tenant's.</summary>
public enum MetadataFault
{
    None,

    /// <summary>The tenant's id under another host: <c>https://login.example.invalid/{tenant id}/v2.0/</c>.</summary>
    IssuerOnAnotherOrigin,

    /// <summary>This host, but another tenant's id.</summary>
    IssuerOfAnotherTenant,
}

public enum B2CEndpointBehaviour
{
    Normal,
    ServerError,
    Slow,

    /// <summary>307 to <see cref="B2CSandbox.RedirectTo"/>: a client that follows it re-sends the form, client secret and all.</summary>
    Redirect,

    /// <summary>400 <c>invalid_grant</c> whose <c>error_description</c> (after a B2C code) echoes everything the request carried.</summary>
    EchoingError,

    /// <summary>400 whose <c>error</c> itself echoes everything the request carried.</summary>
    EchoingErrorCode,
}
