using System.Net;
using System.Text.Json;
using Duende.IdentityModel.Client;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;
using WebPortal.Integrations;
using WebPortal.Scaling;
using WebPortal.Tokens;

namespace WebPortal.Providers.MyOrganizer.Api;

/// <summary>
/// The portal's own token at the MyOrganizer API gateway (client credentials with the app key and secret), for calls
/// made in the portal's name rather than a person's. The token is cached in the cache every instance shares, encrypted,
/// renewed with its refresh token before it expires, and fetched once however many callers of this instance ask at
/// once. The cache is a saving, not a need: when it cannot be read or written, the token is fetched or kept anyway.
/// </summary>
public sealed partial class GatewayAppTokenClient(
    HttpClient http,
    [FromKeyedServices(ScalingExtensions.SharedCache)] IDistributedCache cache,
    IDataProtectionProvider dataProtection,
    KeyedAsyncLock locks,
    IOptions<MyOrganizerApiSettings> settings,
    TimeProvider time,
    ILogger<GatewayAppTokenClient> logger)
{
    private const string CacheKey = "WebPortal:MyOrganizer:GatewayAppToken";

    /// <summary>How the gateway is named in a <see cref="TokenEndpointException"/>'s message.</summary>
    private const string Provider = "The MyOrganizer API gateway";

    private readonly IDataProtector _protector = dataProtection.CreateProtector("WebPortal.MyOrganizer.GatewayAppToken.v1");

    /// <exception cref="GatewayCredentialsRejectedException">The gateway refused the app key and secret.</exception>
    /// <exception cref="GatewayUnavailableException">The gateway did not answer usefully.</exception>
    public async Task<GatewayToken> GetAppTokenAsync(CancellationToken cancellationToken)
    {
        if (await ReadCachedAsync(cancellationToken) is { } cached && IsFresh(cached))
        {
            return cached;
        }

        using (await locks.AcquireAsync(CacheKey, cancellationToken))
        {
            // Read again under the lock: callers that waited find the token the first one fetched.
            var current = await ReadCachedAsync(cancellationToken);
            if (current is not null && IsFresh(current))
            {
                return current;
            }

            var token = (current?.RefreshToken is { } refreshToken ? await TryRefreshAsync(refreshToken) : null)
                ?? await RequestNewAsync();

            await CacheAsync(token);
            LogIssued(logger, token.ExpiresAt, string.Join(',', token.Scopes));
            return token;
        }
    }

    private bool IsFresh(GatewayToken token) => token.ExpiresAt - settings.Value.AppTokenRefreshSkew > time.GetUtcNow();

    // Once sent, a token request is not abandoned with the caller: Fusio redeems a refresh token once, and the
    // answer is what every waiting caller needs. Fusio wants the app key and secret in the Basic header for every
    // grant but authorization_code.
    private async Task<GatewayToken> RequestNewAsync() =>
        (await RequestAsync(
            isRefresh: false,
            options => http.RequestClientCredentialsTokenAsync(
                new ClientCredentialsTokenRequest { Address = options.TokenEndpoint }.WithBasicAuthentication(options.AppKey, options.AppSecret),
                CancellationToken.None)))!;

    /// <returns>The renewed token, or null when the gateway refused the refresh token.</returns>
    private Task<GatewayToken?> TryRefreshAsync(string refreshToken) =>
        RequestAsync(
            isRefresh: true,
            options => http.RequestRefreshTokenAsync(
                new RefreshTokenRequest { Address = options.TokenEndpoint, RefreshToken = refreshToken }.WithBasicAuthentication(options.AppKey, options.AppSecret),
                CancellationToken.None));

    /// <returns>The token; null only when a refresh token was refused.</returns>
    private async Task<GatewayToken?> RequestAsync(bool isRefresh, Func<MyOrganizerApiSettings, Task<TokenResponse>> send)
    {
        var result = await TokenEndpoint.RequestAsync(Provider, () => send(settings.Value), CancellationToken.None);
        if (result.IsSuccess)
        {
            return GatewayToken.From(result.Answer, time.GetUtcNow());
        }

        switch (result.Error)
        {
            // Any 400 to a refresh (invalid_grant, or unauthorized_client for a client not allowed that grant) is
            // answered by asking for a new app token; the credentials themselves are judged by that request.
            case { StatusCode: HttpStatusCode.BadRequest } when isRefresh:
                LogRefreshRefused(logger);
                return null;

            case { StatusCode: HttpStatusCode.Unauthorized } or { Failure: UpstreamFailure.ClientRejected }:
                LogCredentialsRejected(logger);
                throw new GatewayCredentialsRejectedException();

            case { StatusCode: { } status }:
                throw new GatewayUnavailableException($"its token endpoint answered {(int)status}", result.Error);

            case { Failure: UpstreamFailure.MalformedAnswer }:
                throw new GatewayUnavailableException("its token answer has no access_token", result.Error);

            default:
                throw new GatewayUnavailableException(result.Error.Failure.ToString()!, result.Error);
        }
    }

    private async Task<GatewayToken?> ReadCachedAsync(CancellationToken cancellationToken)
    {
        byte[]? cached;
        try
        {
            cached = await cache.GetAsync(CacheKey, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogCacheUnavailable(logger, exception.GetType().Name);
            return null;
        }

        if (cached is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<GatewayToken>(_protector.Unprotect(cached));
        }
        catch (Exception exception) when (exception is System.Security.Cryptography.CryptographicException or JsonException)
        {
            return null;
        }
    }

    private async Task CacheAsync(GatewayToken token)
    {
        try
        {
            await cache.SetAsync(
                CacheKey,
                _protector.Protect(JsonSerializer.SerializeToUtf8Bytes(token)),
                new DistributedCacheEntryOptions { AbsoluteExpiration = token.ExpiresAt },
                CancellationToken.None);
        }
        catch (Exception exception)
        {
            LogCacheUnavailable(logger, exception.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "The MyOrganizer API gateway issued an app token until {ExpiresAt:o} with scopes {Scopes}")]
    private static partial void LogIssued(ILogger logger, DateTimeOffset expiresAt, string scopes);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "The MyOrganizer API gateway refused the portal's app credentials: check MyOrganizerApi:AppKey and MyOrganizerApi:AppSecret")]
    private static partial void LogCredentialsRejected(ILogger logger);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "The MyOrganizer API gateway refused the app's refresh token; asking for a new app token")]
    private static partial void LogRefreshRefused(ILogger logger);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "The shared cache of the gateway's app token is unavailable ({Error}); going on without it")]
    private static partial void LogCacheUnavailable(ILogger logger, string error);
}
