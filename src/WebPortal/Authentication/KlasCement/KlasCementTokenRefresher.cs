using Microsoft.Extensions.Options;
using WebPortal.Integrations.Http;
using WebPortal.Tokens;

namespace WebPortal.Authentication.KlasCement;

/// <summary>
/// Renews a KlasCement access token at <c>/oauth/refreshtoken</c>. Its answer carries no <c>refresh_token</c>:
/// the one KlasCement gave at sign-in stays in use.
/// </summary>
public sealed class KlasCementTokenRefresher(
    IHttpClientFactory httpClientFactory,
    IOptionsMonitor<KlasCementAuthenticationOptions> optionsMonitor,
    IHttpContextAccessor httpContextAccessor,
    TimeProvider time) : IProviderTokenRefresher
{
    public const string HttpClientName = "KlasCement.Backchannel";

    public string Provider => KlasCementAuthenticationDefaults.AuthenticationScheme;

    public async Task<TokenRefreshResult> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var options = optionsMonitor.Get(Provider);
        using var answer = await TokenEndpoint.PostAsync(
            httpClientFactory.CreateClient(HttpClientName),
            Provider,
            options.RefreshTokenEndpoint,
            new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
                // "Not used, but mandatory" (the note): the same callback URL as at sign-in.
                ["redirect_uri"] = CallbackUri(options),
            },
            BasicCredentials.Header(options.ClientId, options.ClientSecret),
            cancellationToken);

        return TokenEndpoint.ToRefreshResult(answer, time.GetUtcNow());
    }

    private string CallbackUri(KlasCementAuthenticationOptions options)
    {
        var request = httpContextAccessor.HttpContext?.Request
            ?? throw new InvalidOperationException("A KlasCement refresh needs the current request to build its redirect_uri.");
        return $"{request.Scheme}://{request.Host}{request.PathBase}{options.CallbackPath}";
    }
}
