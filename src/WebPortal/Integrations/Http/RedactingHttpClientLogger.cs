using Microsoft.Extensions.Http.Logging;

namespace WebPortal.Integrations.Http;

/// <summary>
/// Replaces the framework's HttpClient logging: KlasCement's profile call carries the access token in its query string,
/// and every API call a token in its Authorization header. Logs method, redacted URL, status and duration; never
/// headers or bodies. A call given up because the visitor's request was aborted is no provider failure, and is logged
/// below Warning.
/// </summary>
/// <remarks>
/// Kept by hand because .NET's own logging does not cover it: since .NET 9 it writes a URL's query as <c>*</c>, but at
/// Trace it hands each request's headers to the logger as structured state with their raw values (a bearer token, the
/// Basic client credentials); only the rendered message is redacted, and a sink that writes properties writes the token.
/// </remarks>
public sealed partial class RedactingHttpClientLogger(ILogger<RedactingHttpClientLogger> logger, IHttpContextAccessor http) : IHttpClientLogger
{
    public object? LogRequestStart(HttpRequestMessage request)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            LogStart(logger, request.Method, RedactedUri.Of(RequestUri(request)));
        }

        return null;
    }

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            LogStop(logger, request.Method, RedactedUri.Of(RequestUri(request)), (int)response.StatusCode, elapsed.TotalMilliseconds);
        }
    }

    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed)
    {
        if (exception is OperationCanceledException && http.HttpContext?.RequestAborted.IsCancellationRequested == true)
        {
            LogAbandoned(logger, request.Method, RedactedUri.Of(RequestUri(request)), elapsed.TotalMilliseconds);
        }
        else
        {
            LogFailed(logger, request.Method, RedactedUri.Of(RequestUri(request)), exception.GetType().Name, elapsed.TotalMilliseconds);
        }
    }

#pragma warning disable RS0030 // The one place that reads a provider request URI, in order to redact it.
    private static Uri? RequestUri(HttpRequestMessage request) => request.RequestUri;
#pragma warning restore RS0030

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Sending HTTP {Method} {RedactedUri}")]
    private static partial void LogStart(ILogger logger, HttpMethod method, string redactedUri);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "HTTP {Method} {RedactedUri} answered {StatusCode} in {ElapsedMilliseconds:0.0} ms")]
    private static partial void LogStop(ILogger logger, HttpMethod method, string redactedUri, int statusCode, double elapsedMilliseconds);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "HTTP {Method} {RedactedUri} failed with {ExceptionType} after {ElapsedMilliseconds:0.0} ms")]
    private static partial void LogFailed(ILogger logger, HttpMethod method, string redactedUri, string exceptionType, double elapsedMilliseconds);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "HTTP {Method} {RedactedUri} given up after {ElapsedMilliseconds:0.0} ms: the visitor's request was aborted")]
    private static partial void LogAbandoned(ILogger logger, HttpMethod method, string redactedUri, double elapsedMilliseconds);
}
