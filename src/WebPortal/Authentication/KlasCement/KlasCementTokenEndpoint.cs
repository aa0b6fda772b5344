using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication.OAuth;
using WebPortal.Integrations;
using WebPortal.Integrations.Http;
using WebPortal.Tokens;

namespace WebPortal.Authentication.KlasCement;

/// <summary>Posts a grant to KlasCement's token or refresh endpoint, the way its note prescribes.</summary>
internal static partial class KlasCementTokenEndpoint
{
    public static async Task<OAuthTokenResponse> PostAsync(
        HttpClient client,
        string endpoint,
        string clientId,
        string clientSecret,
        IReadOnlyDictionary<string, string> form,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        request.Headers.Authorization = BasicCredentials.Header(clientId, clientSecret);
        request.Content = new FormUrlEncodedContent(form);

        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);

            // JSON is UTF-8 whatever charset the answer claims; reading bytes also keeps an odd charset from throwing.
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return OAuthTokenResponse.Failed(new KlasCementTokenException(response.StatusCode, await ReadErrorCodeAsync(body, cancellationToken)));
            }

            var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("access_token", out var accessToken)
                || accessToken.ValueKind != JsonValueKind.String)
            {
                document.Dispose();
                return OAuthTokenResponse.Failed(new KlasCementTokenException(UpstreamFailure.MalformedAnswer));
            }

            return OAuthTokenResponse.Success(document);
        }
        catch (Exception exception) when (UpstreamFailures.Classify(exception, cancellationToken) is { } failure)
        {
            return OAuthTokenResponse.Failed(new KlasCementTokenException(failure, exception));
        }
    }

    /// <summary>Reads the OAuth <c>error</c> code, keeping it only if it looks like one: a body may echo what it was sent.</summary>
    private static async Task<string?> ReadErrorCodeAsync(Stream body, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.String
                && ErrorCode().IsMatch(error.GetString()!)
                ? error.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex("^[a-z_]{1,64}$")]
    private static partial Regex ErrorCode();
}
