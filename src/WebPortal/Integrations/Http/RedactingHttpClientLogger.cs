using Microsoft.Extensions.Http.Logging;

namespace WebPortal.Integrations.Http;

/// <summary>
/// Replaces the framework's HttpClient logging, which writes full request URLs: KlasCement's profile call carries
/// the access token in its query string. Logs method, redacted URL, status and duration; never headers or bodies.
/// </summary>
public sealed partial class RedactingHttpClientLogger(ILogger<RedactingHttpClientLogger> logger) : IHttpClientLogger
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

    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed) =>
        LogFailed(logger, request.Method, RedactedUri.Of(RequestUri(request)), exception.GetType().Name, elapsed.TotalMilliseconds);

#pragma warning disable RS0030 // The one place that reads a provider request URI, in order to redact it.
    private static Uri? RequestUri(HttpRequestMessage request) => request.RequestUri;
#pragma warning restore RS0030

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Sending HTTP {Method} {RedactedUri}")]
    private static partial void LogStart(ILogger logger, HttpMethod method, string redactedUri);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "HTTP {Method} {RedactedUri} answered {StatusCode} in {ElapsedMilliseconds:0.0} ms")]
    private static partial void LogStop(ILogger logger, HttpMethod method, string redactedUri, int statusCode, double elapsedMilliseconds);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "HTTP {Method} {RedactedUri} failed with {ExceptionType} after {ElapsedMilliseconds:0.0} ms")]
    private static partial void LogFailed(ILogger logger, HttpMethod method, string redactedUri, string exceptionType, double elapsedMilliseconds);
}
