using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using Duende.IdentityModel.Client;
using Microsoft.AspNetCore.Authentication.OAuth;
using WebPortal.Integrations.Http;
using WebPortal.Tokens;

namespace WebPortal.Integrations;

/// <summary>
/// Reads what a provider's token endpoint answered to a request Duende.IdentityModel made (a code exchange, a refresh,
/// client credentials) the way every caller needs it: the tokens as a <see cref="TokenAnswer"/>, or why there are none
/// as a <see cref="TokenEndpointException"/>, whose message never carries a token, a code or a secret.
/// </summary>
public static class TokenEndpoint
{
    /// <summary>
    /// Authenticates the client with HTTP Basic over the raw id and secret, as <c>curl -u</c> sends it and as
    /// KlasCement's note and the API gateway's note show it; neither is repeated in the body. RFC 6749 §2.3.1
    /// (Duende's default) would form-encode both first, which a server reading them as-is (PHP's PHP_AUTH_USER, say)
    /// would not undo.
    /// </summary>
    public static T WithBasicAuthentication<T>(this T request, string clientId, string clientSecret)
        where T : ProtocolRequest
    {
        request.ClientId = clientId;
        request.ClientSecret = clientSecret;
        request.ClientCredentialStyle = ClientCredentialStyle.AuthorizationHeader;
        request.AuthorizationHeaderStyle = BasicAuthenticationHeaderStyle.Rfc2617;
        return request;
    }

    /// <summary>Sends a token request and reads its answer.</summary>
    /// <param name="send">The Duende.IdentityModel call, on a client from the factory (never following redirects).</param>
    /// <param name="cancellationToken">The caller's; its cancellation propagates rather than reading as a provider's failure.</param>
    public static async Task<TokenEndpointResult> RequestAsync(string provider, Func<Task<TokenResponse>> send, CancellationToken cancellationToken)
    {
        TokenResponse response;
        try
        {
            response = await send();
        }
        catch (Exception exception) when (UpstreamFailures.Classify(exception, cancellationToken) is { } failure)
        {
            return TokenEndpointResult.Failed(new TokenEndpointException(provider, failure, exception));
        }

        using (response)
        {
            if (response.HttpResponse is null)
            {
                // Duende.IdentityModel caught what the request threw: a timeout, a refused redirect, no connection.
                switch (response.Exception)
                {
                    case { } exception when UpstreamFailures.Classify(exception, cancellationToken) is { } failure:
                        return TokenEndpointResult.Failed(new TokenEndpointException(provider, failure, exception));
                    case { } exception:
                        ExceptionDispatchInfo.Throw(exception);
                        break;
                }

                return TokenEndpointResult.Failed(new TokenEndpointException(provider, UpstreamFailure.Unreachable));
            }

            if (!response.HttpResponse.IsSuccessStatusCode)
            {
                return TokenEndpointResult.Failed(new TokenEndpointException(provider, response.HttpResponse.StatusCode, ErrorCode(response.Json)));
            }

            return response.Json is { } json && TokenAnswer.Read(json) is { } answer
                ? TokenEndpointResult.Succeeded(answer)
                : TokenEndpointResult.Failed(new TokenEndpointException(provider, UpstreamFailure.MalformedAnswer));
        }
    }

    /// <summary>The OAuth <c>error</c> code (already reduced by <see cref="ErrorAnswerReducingHandler"/>, checked again here): a body may echo what it was sent.</summary>
    private static string? ErrorCode(JsonElement? answer) =>
        answer is { ValueKind: JsonValueKind.Object } json
        && json.TryGetProperty("error", out var error)
        && error.ValueKind == JsonValueKind.String
            ? ProviderErrorCodes.Code(error.GetString())
            : null;
}

/// <summary>What a token request came to: an answer with tokens, or the reason there is none.</summary>
public sealed class TokenEndpointResult
{
    private TokenEndpointResult(TokenAnswer? answer, TokenEndpointException? error)
    {
        Answer = answer;
        Error = error;
    }

    public TokenAnswer? Answer { get; }

    public TokenEndpointException? Error { get; }

    [MemberNotNullWhen(true, nameof(Answer))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Answer is not null;

    public static TokenEndpointResult Succeeded(TokenAnswer answer) => new(answer, null);

    public static TokenEndpointResult Failed(TokenEndpointException error) => new(null, error);

    /// <summary>What a refresh answer means for the stored connection.</summary>
    public TokenRefreshResult ToRefreshResult(DateTimeOffset now) => IsSuccess
        ? new TokenRefreshResult.Refreshed(Answer.ToProviderTokens(now))
        : Error switch
        {
            { IsRejection: true } rejection => new TokenRefreshResult.Rejected(rejection.Error ?? $"HTTP {(int)rejection.StatusCode!}"),
            { Failure: { } failure } => new TokenRefreshResult.Failed(failure),
            _ => new TokenRefreshResult.Failed(UpstreamFailure.ServerError),
        };

    /// <summary>The answer as the framework's OAuth handler takes it from a code exchange.</summary>
    public OAuthTokenResponse ToOAuthTokenResponse() => IsSuccess
        ? OAuthTokenResponse.Success(JsonDocument.Parse(Answer.Json.GetRawText()))
        : OAuthTokenResponse.Failed(Error);
}
