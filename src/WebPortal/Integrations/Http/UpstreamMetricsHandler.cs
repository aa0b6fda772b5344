using WebPortal.Observability;

namespace WebPortal.Integrations.Http;

/// <summary>
/// Times every call made through the portal's HTTP clients to a provider, as the caller sees it (retries and the
/// refused redirect included), and counts its failures; the provider is named after the client.
/// </summary>
public sealed class UpstreamMetricsHandler(string provider, PortalMetrics metrics, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            metrics.CalledUpstream(provider, time.GetElapsedTime(started), (int)response.StatusCode >= 500 ? "status_5xx" : null);
            return response;
        }
        catch (Exception exception)
        {
            metrics.CalledUpstream(provider, time.GetElapsedTime(started), exception switch
            {
                OperationCanceledException when !cancellationToken.IsCancellationRequested => "timeout",
                TimeoutException or Polly.Timeout.TimeoutRejectedException => "timeout",
                ProviderRedirectException => "redirect",
                _ when cancellationToken.IsCancellationRequested => "cancelled",
                _ => "connection",
            });
            throw;
        }
    }

    /// <summary>The provider a client of the portal calls, by the client's name.</summary>
    public static string ProviderOf(string clientName) =>
        clientName.Contains("KlasCement", StringComparison.OrdinalIgnoreCase) ? "KlasCement"
        : clientName.Contains("MyOrganizer", StringComparison.OrdinalIgnoreCase) || clientName.Contains("Gateway", StringComparison.OrdinalIgnoreCase) ? "MyOrganizer"
        : "other";
}
