using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using WebPortal.Integrations;
using WebPortal.Tokens;

namespace WebPortal.Authentication.MyOrganizer;

/// <summary>
/// Renews a MyOrganizer access token at the sign-in user flow's token endpoint (from its metadata), with the client
/// id and secret in the body as MyOrganizer's note shows. B2C rotates refresh tokens: the answer's new one replaces
/// the stored one, which the token store saves together with the access token.
/// </summary>
public sealed class MyOrganizerTokenRefresher(
    IHttpClientFactory httpClientFactory,
    IOptionsMonitor<OpenIdConnectOptions> optionsMonitor,
    TimeProvider time) : IProviderTokenRefresher
{
    public string Provider => MyOrganizerAuthenticationDefaults.AuthenticationScheme;

    public async Task<TokenRefreshResult> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var options = optionsMonitor.Get(Provider);
        string tokenEndpoint;
        try
        {
            tokenEndpoint = (await options.ConfigurationManager!.GetConfigurationAsync(cancellationToken)).TokenEndpoint;
        }
        catch (InvalidOperationException exception) when (exception.InnerException is { } inner && UpstreamFailures.Classify(inner, cancellationToken) is { } failure)
        {
            return new TokenRefreshResult.Failed(failure);
        }
        catch (Exception exception) when (UpstreamFailures.Classify(exception, cancellationToken) is { } failure)
        {
            return new TokenRefreshResult.Failed(failure);
        }

        using var answer = await TokenEndpoint.PostAsync(
            httpClientFactory.CreateClient(MyOrganizerSignInRegistration.HttpClientName),
            Provider,
            tokenEndpoint,
            new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
                ["client_id"] = options.ClientId!,
                ["client_secret"] = options.ClientSecret!,
                ["scope"] = string.Join(' ', options.Scope),
            },
            clientAuthentication: null,
            cancellationToken);

        return TokenEndpoint.ToRefreshResult(answer, time.GetUtcNow());
    }
}
