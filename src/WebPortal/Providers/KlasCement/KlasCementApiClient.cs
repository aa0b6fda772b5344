using System.Net.Http.Headers;
using WebPortal.Integrations;
using WebPortal.Integrations.Http;
using WebPortal.Tokens;

namespace WebPortal.Providers.KlasCement;

/// <summary>
/// Calls KlasCement's API on a person's behalf. Its base address is the member endpoint; the
/// <see cref="UserAccessTokenHandler"/> its module registers puts the member id and the access token in the URL.
/// </summary>
public sealed class KlasCementApiClient(HttpClient http)
{
    private const string Provider = KlasCementAuthenticationDefaults.AuthenticationScheme;

    /// <summary>Fetches the member's profile live.</summary>
    /// <exception cref="ProviderAccessException">Not connected, a connection to renew, or KlasCement failing to answer usefully.</exception>
    public async Task<KlasCementProfile> GetProfileAsync(Guid userId, CancellationToken cancellationToken)
    {
        try
        {
            // A new request message per call: nothing of one person's request can be reused for another's.
            using var request = new HttpRequestMessage(HttpMethod.Get, (Uri?)null);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Options.Set(UserAccessTokenHandler.UserId, userId);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);

            if (!response.IsSuccessStatusCode)
            {
                throw new ProviderUnavailableException(Provider, UpstreamStatus.Failure(response.StatusCode));
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
}
