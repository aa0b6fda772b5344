using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;
using WebPortal.Tokens;

namespace WebPortal.Integrations;

/// <summary>Turns what a failed provider call threw into the reason the person is shown.</summary>
public static class UpstreamFailures
{
    /// <summary>
    /// Classifies a failure of an outgoing call, or returns null when the exception is not an upstream failure
    /// (for example the person's own request being aborted), which must then propagate.
    /// </summary>
    public static UpstreamFailure? Classify(Exception exception, CancellationToken requestAborted) => exception switch
    {
        OperationCanceledException when requestAborted.IsCancellationRequested => null,
        Http.ProviderRedirectException => UpstreamFailure.Redirected,
        TimeoutRejectedException or TaskCanceledException or OperationCanceledException => UpstreamFailure.Timeout,
        BrokenCircuitException or HttpRequestException => UpstreamFailure.Unreachable,
        JsonException => UpstreamFailure.MalformedAnswer,
        _ => null,
    };
}
