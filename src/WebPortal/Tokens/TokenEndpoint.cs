using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OAuth;
using WebPortal.Integrations;
using WebPortal.Integrations.Http;

namespace WebPortal.Tokens;

/// <summary>Posts a grant to a provider's token endpoint and reads the answer the way every provider's refresh and code exchange need it.</summary>
public static class TokenEndpoint
{
    /// <param name="clientAuthentication">HTTP Basic client credentials, or null when the form carries them (<c>client_secret_post</c>).</param>
    /// <returns>The answer, or a failed one whose error is a <see cref="TokenEndpointException"/>; never a token in a message.</returns>
    public static async Task<OAuthTokenResponse> PostAsync(
        HttpClient client,
        string provider,
        string endpoint,
        IReadOnlyDictionary<string, string> form,
        AuthenticationHeaderValue? clientAuthentication,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = clientAuthentication;
        request.Content = new FormUrlEncodedContent(form);

        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);

            // JSON is UTF-8 whatever charset the answer claims; reading bytes also keeps an odd charset from throwing.
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return OAuthTokenResponse.Failed(new TokenEndpointException(provider, response.StatusCode, await ReadErrorCodeAsync(body, cancellationToken)));
            }

            var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("access_token", out var accessToken)
                || accessToken.ValueKind != JsonValueKind.String)
            {
                document.Dispose();
                return OAuthTokenResponse.Failed(new TokenEndpointException(provider, UpstreamFailure.MalformedAnswer));
            }

            return OAuthTokenResponse.Success(document);
        }
        catch (Exception exception) when (UpstreamFailures.Classify(exception, cancellationToken) is { } failure)
        {
            return OAuthTokenResponse.Failed(new TokenEndpointException(provider, failure, exception));
        }
    }

    /// <summary>What a refresh answer means for the stored connection.</summary>
    public static TokenRefreshResult ToRefreshResult(OAuthTokenResponse answer, DateTimeOffset now) => answer.Error switch
    {
        null => new TokenRefreshResult.Refreshed(ProviderTokens.FromOAuthAnswer(answer, now)),
        TokenEndpointException { IsRejection: true } rejection => new TokenRefreshResult.Rejected(rejection.Error ?? $"HTTP {(int)rejection.StatusCode!}"),
        TokenEndpointException { Failure: { } failure } => new TokenRefreshResult.Failed(failure),
        _ => new TokenRefreshResult.Failed(UpstreamFailure.ServerError),
    };

    /// <summary>Reads the OAuth <c>error</c> code (already reduced by <see cref="ErrorAnswerReducingHandler"/>, checked again here): a body may echo what it was sent.</summary>
    private static async Task<string?> ReadErrorCodeAsync(Stream body, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.String
                ? ProviderErrorCodes.Code(error.GetString())
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
