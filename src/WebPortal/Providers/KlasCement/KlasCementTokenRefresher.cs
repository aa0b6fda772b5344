using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.Extensions.Options;
using WebPortal.Integrations.Http;
using WebPortal.Tokens;

namespace WebPortal.Providers.KlasCement;

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

    public async Task<TokenRefreshResult> RefreshAsync(StoredConnection connection, CancellationToken cancellationToken)
    {
        var refreshToken = connection.RefreshToken ?? throw new ArgumentException("The connection has no refresh token.", nameof(connection));
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

        return NamesAnotherMember(answer, connection.ProviderUserId)
            ? new TokenRefreshResult.Untrusted("the answer's user_id is not the connected member")
            : TokenEndpoint.ToRefreshResult(answer, time.GetUtcNow());
    }

    /// <summary>
    /// The refresh answer names its member (<c>user_id</c>, a string or a number, as at sign-in); one naming another
    /// member than the connection's is for someone else. An answer without <c>user_id</c> names nobody.
    /// </summary>
    private static bool NamesAnotherMember(OAuthTokenResponse answer, string memberId) =>
        answer.Error is null
        && answer.Response?.RootElement.TryGetProperty(KlasCementAuthenticationConstants.UserId, out var userId) == true
        && userId.ValueKind != JsonValueKind.Null
        && !(userId.ValueKind is JsonValueKind.String or JsonValueKind.Number && string.Equals(userId.ToString(), memberId, StringComparison.Ordinal));

    private string CallbackUri(KlasCementAuthenticationOptions options)
    {
        var request = httpContextAccessor.HttpContext?.Request
            ?? throw new InvalidOperationException("A KlasCement refresh needs the current request to build its redirect_uri.");
        return $"{request.Scheme}://{request.Host}{request.PathBase}{options.CallbackPath}";
    }
}
