using System.Text.Json;
using Duende.IdentityModel.Client;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.Configuration;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using WebPortal.Integrations;
using WebPortal.Tokens;

namespace WebPortal.Providers.MyOrganizer;

/// <summary>
/// Renews a MyOrganizer access token at the sign-in user flow's token endpoint (from its metadata), with the client
/// id and secret in the body as MyOrganizer's note shows. B2C rotates refresh tokens: the answer's new one replaces
/// the stored one, which the token store saves together with the access token. The answer is kept only if it is for
/// the connected customer (OpenID Connect Core 12.2): its id_token, when it has one, is validated as at sign-in and
/// must name the same subject and tenant, and a readable access token must name the same subject.
/// </summary>
public sealed class MyOrganizerTokenRefresher(
    IHttpClientFactory httpClientFactory,
    IOptionsMonitor<OpenIdConnectOptions> optionsMonitor,
    TimeProvider time) : IProviderTokenRefresher
{
    public string Provider => MyOrganizerAuthenticationDefaults.AuthenticationScheme;

    public async Task<TokenRefreshResult> RefreshAsync(StoredConnection connection, CancellationToken cancellationToken)
    {
        var refreshToken = connection.RefreshToken ?? throw new ArgumentException("The connection has no refresh token.", nameof(connection));
        var options = optionsMonitor.Get(Provider);
        string tokenEndpoint;
        try
        {
            tokenEndpoint = (await options.ConfigurationManager!.GetConfigurationAsync(cancellationToken)).TokenEndpoint;
        }
        catch (InvalidOperationException exception) when (exception.InnerException is InvalidConfigurationException)
        {
            // The metadata names another issuer than the configured tenant's (logged at Error with the keys to
            // check): a configuration problem, like refused client credentials, so the connection is kept.
            return new TokenRefreshResult.Failed(UpstreamFailure.ServerError);
        }
        catch (InvalidOperationException exception) when (exception.InnerException is { } inner && UpstreamFailures.Classify(inner, cancellationToken) is { } failure)
        {
            return new TokenRefreshResult.Failed(failure);
        }
        catch (Exception exception) when (UpstreamFailures.Classify(exception, cancellationToken) is { } failure)
        {
            return new TokenRefreshResult.Failed(failure);
        }

        var client = httpClientFactory.CreateClient(MyOrganizerModule.HttpClientName);
        var result = await TokenEndpoint.RequestAsync(
            Provider,
            () => client.RequestRefreshTokenAsync(
                new RefreshTokenRequest
                {
                    Address = tokenEndpoint,
                    // The client id and secret in the body, as MyOrganizer's note shows them.
                    ClientId = options.ClientId!,
                    ClientSecret = options.ClientSecret,
                    ClientCredentialStyle = ClientCredentialStyle.PostBody,
                    RefreshToken = refreshToken,
                    Scope = string.Join(' ', options.Scope),
                },
                cancellationToken),
            cancellationToken);

        if (result.IsSuccess && await WhyUntrustedAsync(result.Answer, connection.ProviderUserId, options) is { } reason)
        {
            return new TokenRefreshResult.Untrusted(reason);
        }

        return result.ToRefreshResult(time.GetUtcNow());
    }

    /// <summary>Why the answer is not for the connected customer, in words safe to log; null when it is.</summary>
    private static async Task<string?> WhyUntrustedAsync(TokenAnswer answer, string customerId, OpenIdConnectOptions options)
    {
        if (answer.Json.TryGetProperty(OpenIdConnectParameterNames.IdToken, out var idTokenElement))
        {
            if (idTokenElement.ValueKind != JsonValueKind.String)
            {
                return "its id_token is not a string";
            }

            var validation = await options.TokenHandler.ValidateTokenAsync(idTokenElement.GetString(), IdTokenValidation(options));
            if (!validation.IsValid)
            {
                // The exception's type names the check that failed (issuer, audience, signature, lifetime); its
                // message can quote claims, so it stays out of the log.
                return $"its id_token failed validation: {validation.Exception?.GetType().Name ?? "invalid"}";
            }

            if (!string.Equals(SubjectOf(validation.SecurityToken as JsonWebToken), customerId, StringComparison.Ordinal))
            {
                return "its id_token names another subject than the connected customer";
            }
        }

        // B2C's access tokens are JWTs for the API: read here without being validated (the API does that), only to
        // make sure they are not another customer's.
        return MyOrganizerAccessTokens.SubjectOf(answer.AccessToken) is { } subject && !string.Equals(subject, customerId, StringComparison.Ordinal)
            ? "its access token names another subject than the connected customer"
            : null;
    }

    /// <summary>
    /// As at sign-in: the options' parameters (RS256 only, the tenant's issuer and <c>tid</c>, lifetime) with the keys
    /// and issuer of the same metadata, and this client as the audience. A refreshed id_token carries no nonce.
    /// </summary>
    private static TokenValidationParameters IdTokenValidation(OpenIdConnectOptions options)
    {
        var parameters = options.TokenValidationParameters.Clone();
        parameters.ConfigurationManager = (BaseConfigurationManager)options.ConfigurationManager!;
        parameters.ValidAudience = options.ClientId;
        parameters.ValidAudiences = null;
        parameters.RequireSignedTokens = true;
        parameters.RequireExpirationTime = true;
        return parameters;
    }

    private static string? SubjectOf(JsonWebToken? token) =>
        token is not null && token.TryGetPayloadValue<string>("sub", out var subject) ? subject : null;
}
