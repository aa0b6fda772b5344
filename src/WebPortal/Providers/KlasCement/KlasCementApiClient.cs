using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using WebPortal.Integrations;
using WebPortal.Tokens;

namespace WebPortal.Providers.KlasCement;

/// <summary>Calls KlasCement's API on a person's behalf, with the access token the portal keeps for them.</summary>
public sealed class KlasCementApiClient(
    HttpClient http,
    AccessTokenService tokens,
    IOptionsMonitor<KlasCementAuthenticationOptions> options)
{
    private const string Provider = KlasCementAuthenticationDefaults.AuthenticationScheme;

    /// <summary>Fetches the member's profile live.</summary>
    /// <exception cref="ProviderAccessException">Not connected, a connection to renew, or KlasCement failing to answer usefully.</exception>
    public async Task<KlasCementProfile> GetProfileAsync(Guid userId, CancellationToken cancellationToken)
    {
        var endpoint = options.Get(Provider).UserInformationEndpoint;
        try
        {
            using var response = await tokens.SendAsync(
                userId,
                Provider,
                (access, ct) => SendAsync(KlasCementMemberDocument.BuildUserUri(endpoint, access.ProviderUserId, access.AccessToken), ct),
                cancellationToken);

            if (!response.IsSuccessStatusCode)
            {
                throw new ProviderUnavailableException(Provider, UpstreamFailures.FromStatus(response.StatusCode));
            }

            using var document = await KlasCementMemberDocument.ParseAsync(response.Content, cancellationToken);
            return KlasCementMemberDocument.TryGetMember(document.RootElement, out var member)
                ? KlasCementProfile.FromMember(member.Value)
                : throw new ProviderUnavailableException(Provider, UpstreamFailure.MalformedAnswer);
        }
        catch (Exception exception) when (exception is not ProviderAccessException && UpstreamFailures.Classify(exception, cancellationToken) is { } failure)
        {
            throw new ProviderUnavailableException(Provider, failure);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Uri uri, CancellationToken cancellationToken)
    {
        // A new request message per call: nothing of one person's request can be reused for another's.
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
    }
}
