using System.Net.Http.Headers;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using WebPortal.Integrations;

namespace WebPortal.Providers.MyOrganizer.Api;

/// <summary>
/// The gateway is ready only when it grants the portal an app token and answers a call made with it
/// (<c>GET {BaseUrl}{ReadinessPath}</c>). Descriptions name what failed, never a token or a secret.
/// </summary>
internal sealed class GatewayHealthCheck(GatewayAppTokenClient appTokens, IHttpClientFactory clients, IOptions<MyOrganizerApiSettings> settings) : IHealthCheck
{
    public const string HttpClientName = "MyOrganizer.Gateway";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        GatewayToken token;
        try
        {
            token = await appTokens.GetAppTokenAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is GatewayCredentialsRejectedException or GatewayUnavailableException)
        {
            return HealthCheckResult.Unhealthy(exception.Message);
        }

        var path = settings.Value.ReadinessPath;
        using var request = new HttpRequestMessage(HttpMethod.Get, settings.Value.Url(path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy($"The gateway granted an app token and answered GET {path} with {(int)response.StatusCode}.")
                : HealthCheckResult.Unhealthy($"The gateway granted an app token but answered GET {path} with {(int)response.StatusCode}.");
        }
        catch (Exception exception) when (UpstreamFailures.Classify(exception, cancellationToken) is { } failure)
        {
            return HealthCheckResult.Unhealthy($"The gateway granted an app token but GET {path} failed: {failure}.");
        }
    }
}
