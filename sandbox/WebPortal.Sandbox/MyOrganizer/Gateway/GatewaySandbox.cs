using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using WebPortal.Sandbox.MyOrganizer;

namespace WebPortal.Sandbox.Gateway;

/// <summary>The one app the gateway stand-in knows, the MyOrganizer API behind it, and how it answers.</summary>
public sealed class GatewaySandboxOptions
{
    public string AppKey { get; set; } = "webportal-sandbox-app";

    public string AppSecret { get; set; } = "";

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Comma-separated, as Fusio sends them.</summary>
    public string Scopes { get; set; } = "appointments.read,agenda.read";

    /// <summary>The B2C policy metadata whose keys sign customers' access tokens; empty accepts app tokens only.</summary>
    public string B2CMetadataAddress { get; set; } = "";

    /// <summary>The <c>aud</c> a customer's access token must carry: the MyOrganizer API's client id in B2C.</summary>
    public string ApiAudience { get; set; } = "";

    /// <summary>The scope (in the token's <c>scp</c>) the appointments operation needs.</summary>
    public string AppointmentsScope { get; set; } = "appointments.read";

    /// <summary>The agenda operation; the seeds name none, so the portal's configuration must agree with this.</summary>
    public string AppointmentsPath { get; set; } = "/agenda/appointments";

    /// <summary>Page size of the gateway collection answer; the portal must follow the pages.</summary>
    public int ItemsPerPage { get; set; } = 5;

    /// <summary>The customers (B2C object ids) with appointments; anyone else has an empty agenda.</summary>
    public List<string> CustomersWithAppointments { get; } =
        [.. B2CSandboxCustomer.Defaults.Take(2).Select(customer => customer.ObjectId)];

    /// <summary>The account <c>/consumer/login</c> accepts; an empty password accepts none.</summary>
    public string ConsumerUsername { get; set; } = "sandbox-consumer";

    public string ConsumerPassword { get; set; } = "";
}

/// <summary>How the gateway writes <c>expires_in</c>: Fusio sent an absolute Unix timestamp before 4.0.3 (late 2023), seconds since.</summary>
public enum ExpiresInStyle
{
    Seconds,
    SecondsAsString,
    UnixTimestamp,
}

/// <summary>How the appointments operation answers; anything but <see cref="Normal"/> simulates a fault.</summary>
public enum AppointmentsBehaviour
{
    Normal,

    /// <summary>403: MyOrganizer did not grant this app the operation.</summary>
    Forbidden,
    ServerError,
    MalformedJson,
    Slow,

    /// <summary>302 to <see cref="GatewaySandbox.RedirectTo"/>: a client that follows it shows what another host sends.</summary>
    Redirect,
}

/// <summary>How the token endpoint (<c>/authorization/token</c>) answers; anything but <see cref="Normal"/> simulates a fault.</summary>
public enum GatewayTokenBehaviour
{
    Normal,

    /// <summary>307 to <see cref="GatewaySandbox.RedirectTo"/>: a client that follows it re-sends the app key and secret.</summary>
    Redirect,

    /// <summary>400 <c>invalid_grant</c> whose <c>error_description</c> echoes everything the request carried, app secret included.</summary>
    EchoingError,

    /// <summary>400 whose <c>error</c> itself echoes everything the request carried.</summary>
    EchoingErrorCode,
}

/// <summary>The two answer shapes the portal accepts: a plain JSON array, or a gateway collection with paging.</summary>
public enum AppointmentsShape
{
    Collection,
    Array,
}

/// <summary>The state of the gateway stand-in: issued tokens, what it was asked, and how it answers.</summary>
public sealed class GatewaySandbox(IOptions<GatewaySandboxOptions> options, TimeProvider time)
{
    private const int KeptAppointmentsRequests = 10_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _accessTokens = new();
    private readonly ConcurrentDictionary<string, bool> _refreshTokens = new();
    private readonly ConcurrentDictionary<string, bool> _revokedBearerTokens = new();
    private readonly ConcurrentQueue<string> _grants = new();
    private readonly ConcurrentQueue<string> _issued = new();
    private readonly ConcurrentQueue<AppointmentsRequest> _appointmentsRequests = new();

    public GatewaySandboxOptions Options => options.Value;

    public ExpiresInStyle ExpiresInStyle { get; set; }

    public AppointmentsBehaviour AppointmentsBehaviour { get; set; }

    public AppointmentsShape AppointmentsShape { get; set; }

    public GatewayTokenBehaviour TokenBehaviour { get; set; }

    /// <summary>Where a redirecting operation sends the client.</summary>
    public string RedirectTo { get; set; } = "http://127.0.0.1:9/";

    public TimeSpan SlowAnswerDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Every app token and refresh token issued so far, for tests that look for them where they must not be.</summary>
    public IReadOnlyList<string> IssuedSecrets => [.. _issued];

    /// <summary>The <c>grant_type</c> of every token request, in order.</summary>
    public IReadOnlyCollection<string> Grants => _grants;

    /// <summary>The calls of the appointments operation that came with a valid token, the latest 10,000.</summary>
    public IReadOnlyCollection<AppointmentsRequest> AppointmentsRequests => _appointmentsRequests;

    internal void RecordGrant(string grantType) => _grants.Enqueue(grantType);

    /// <summary>Keeps the latest calls only: a benchmark makes millions.</summary>
    internal void RecordAppointmentsRequest(AppointmentsRequest request)
    {
        _appointmentsRequests.Enqueue(request);
        while (_appointmentsRequests.Count > KeptAppointmentsRequests)
        {
            _appointmentsRequests.TryDequeue(out _);
        }
    }

    internal (string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt) Issue()
    {
        var accessToken = NewSecret();
        var refreshToken = NewSecret();
        var expiresAt = time.GetUtcNow() + Options.AccessTokenLifetime;
        _accessTokens[accessToken] = expiresAt;
        _refreshTokens[refreshToken] = true;
        _issued.Enqueue(accessToken);
        _issued.Enqueue(refreshToken);
        return (accessToken, refreshToken, expiresAt);
    }

    /// <summary>Revokes every refresh token issued so far.</summary>
    public void RevokeRefreshTokens() => _refreshTokens.Clear();

    /// <summary>Refuses this bearer token from now on, as a gateway does with a token revoked or expired early.</summary>
    public void RevokeBearerToken(string token) => _revokedBearerTokens[token] = true;

    internal bool IsRevoked(string token) => _revokedBearerTokens.ContainsKey(token);

    /// <summary>Redeems a refresh token once.</summary>
    internal bool RedeemRefreshToken(string refreshToken) => _refreshTokens.TryRemove(refreshToken, out _);

    public bool IsValidAccessToken(string accessToken) =>
        _accessTokens.TryGetValue(accessToken, out var expiresAt) && expiresAt > time.GetUtcNow() && !IsRevoked(accessToken);

    internal object ExpiresIn(DateTimeOffset expiresAt) => ExpiresInStyle switch
    {
        ExpiresInStyle.SecondsAsString => ((int)Options.AccessTokenLifetime.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ExpiresInStyle.UnixTimestamp => expiresAt.ToUnixTimeSeconds(),
        _ => (int)Options.AccessTokenLifetime.TotalSeconds,
    };

    private static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}

/// <summary>A call of the appointments operation: whose agenda, which days, which page.</summary>
public sealed record AppointmentsRequest(string CustomerId, string? From, string? To, int StartIndex);
