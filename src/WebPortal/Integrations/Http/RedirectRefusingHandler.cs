namespace WebPortal.Integrations.Http;

/// <summary>
/// Turns a provider's redirect into a failure. The primary handler does not follow redirects (a 307 from a token
/// endpoint would re-send the refresh token and client secret wherever it points, and an API's 302 would fetch
/// another host's content for the page); this handler makes sure no caller mistakes the redirect for an answer.
/// </summary>
public sealed partial class RedirectRefusingHandler(ILogger<RedirectRefusingHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var status = (int)response.StatusCode;
        if (status is < 300 or > 399 or 304)
        {
            return response;
        }

        // Only where the redirect pointed (scheme, host and port): its path and query are the provider's to write.
        var target = response.Headers.Location is { IsAbsoluteUri: true } location ? location.GetLeftPart(UriPartial.Authority) : "the same host";
        response.Dispose();
        var redactedUri = RedactedUri.Of(RequestUri(request));
        LogRedirectRefused(logger, request.Method, redactedUri, status, target);
        throw new ProviderRedirectException(redactedUri, status);
    }

#pragma warning disable RS0030 // Read in order to redact it.
    private static Uri? RequestUri(HttpRequestMessage request) => request.RequestUri;
#pragma warning restore RS0030

    [LoggerMessage(EventId = 3010, Level = LogLevel.Warning, Message = "HTTP {Method} {RedactedUri} answered {StatusCode}, a redirect to {RedirectTarget}; provider redirects are never followed")]
    private static partial void LogRedirectRefused(ILogger logger, HttpMethod method, string redactedUri, int statusCode, string redirectTarget);
}

/// <summary>A provider answered with a redirect, which the portal does not follow. The message names the redacted URL and the status only.</summary>
public sealed class ProviderRedirectException(string redactedUri, int statusCode)
    : Exception($"{redactedUri} answered {statusCode}, a redirect; provider redirects are never followed.")
{
    public int StatusCode { get; } = statusCode;
}
