using System.Text.Json;
using Duende.IdentityModel.Client;
using Microsoft.Extensions.Options;
using WebPortal.Integrations;
using WebPortal.Tokens;

namespace WebPortal.Providers.KlasCement;

/// <summary>
/// Renews a KlasCement access token at <c>/oauth/refreshtoken</c>. Its answer carries no <c>refresh_token</c>:
/// the one KlasCement gave at sign-in stays in use. Needs no HTTP request of a person: a background job can refresh.
/// </summary>
public sealed class KlasCementTokenRefresher(
    IHttpClientFactory httpClientFactory,
    IOptionsMonitor<KlasCementAuthenticationOptions> optionsMonitor,
    TimeProvider time) : IProviderTokenRefresher
{
    public const string HttpClientName = "KlasCement.Backchannel";

    public string Provider => KlasCementAuthenticationDefaults.AuthenticationScheme;

    public async Task<TokenRefreshResult> RefreshAsync(StoredConnection connection, CancellationToken cancellationToken)
    {
        var refreshToken = connection.RefreshToken ?? throw new ArgumentException("The connection has no refresh token.", nameof(connection));
        var options = optionsMonitor.Get(Provider);
        var client = httpClientFactory.CreateClient(HttpClientName);
        var result = await TokenEndpoint.RequestAsync(
            Provider,
            () => client.RequestRefreshTokenAsync(
                new RefreshTokenRequest
                {
                    Address = options.RefreshTokenEndpoint,
                    RefreshToken = refreshToken,

                    // "Not used, but mandatory" (the note): the callback URL registered with KlasCement, from configuration.
                    Parameters = { { "redirect_uri", options.RedirectUri } },
                }.WithBasicAuthentication(options.ClientId, options.ClientSecret),
                cancellationToken),
            cancellationToken);

        return result.IsSuccess && NamesAnotherMember(result.Answer, connection.ProviderUserId)
            ? new TokenRefreshResult.Untrusted("the answer's user_id is not the connected member")
            : result.ToRefreshResult(time.GetUtcNow());
    }

    /// <summary>
    /// The refresh answer names its member (<c>user_id</c>, a string or a number, as at sign-in); one naming another
    /// member than the connection's is for someone else. An answer without <c>user_id</c> names nobody.
    /// </summary>
    private static bool NamesAnotherMember(TokenAnswer answer, string memberId) =>
        answer.Json.TryGetProperty(KlasCementAuthenticationConstants.UserId, out var userId)
        && userId.ValueKind != JsonValueKind.Null
        && !string.Equals(answer.Text(KlasCementAuthenticationConstants.UserId), memberId, StringComparison.Ordinal);
}
