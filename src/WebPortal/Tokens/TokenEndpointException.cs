using System.Net;
namespace WebPortal.Tokens;

/// <summary>
/// A provider's token or refresh endpoint did not grant tokens. The message names the provider, the status and the
/// OAuth error code only, never the request or the answer's body, so it is safe to log.
/// </summary>
public sealed class TokenEndpointException : Exception
{
    public TokenEndpointException(string provider, HttpStatusCode statusCode, string? error)
        : base($"{provider}'s token endpoint answered {(int)statusCode}{(error is null ? "" : $" ({error})")}.")
    {
        Provider = provider;
        StatusCode = statusCode;
        Error = error;
        Failure = error is "invalid_client" or "unauthorized_client" ? UpstreamFailure.ClientRejected
            : statusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized ? null
            : UpstreamStatus.Failure(statusCode);
    }

    public TokenEndpointException(string provider, UpstreamFailure failure, Exception? innerException = null)
        : base($"{provider}'s token endpoint could not be used: {failure}.", innerException)
    {
        Provider = provider;
        Failure = failure;
    }

    public string Provider { get; }

    public HttpStatusCode? StatusCode { get; }

    /// <summary>The OAuth <c>error</c> code of the answer, when it had one.</summary>
    public string? Error { get; }

    /// <summary>
    /// Set for answers that say nothing about the grant itself: timeouts, 5xx, unreadable answers, and a refusal of the
    /// portal's own client credentials, which no reconnect by the person could cure.
    /// </summary>
    public UpstreamFailure? Failure { get; }

    /// <summary>True when the provider refused the grant (<c>invalid_grant</c>, or another 400 or 401) rather than failing to answer.</summary>
    public bool IsRejection => Failure is null && (Error == "invalid_grant" || StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized);
}
