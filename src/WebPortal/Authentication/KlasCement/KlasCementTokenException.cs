using System.Net;
using WebPortal.Tokens;

namespace WebPortal.Authentication.KlasCement;

/// <summary>
/// KlasCement's token or refresh endpoint did not grant tokens. The message names the status and the OAuth error code
/// only, never the request or the answer's body, so it is safe to log.
/// </summary>
public sealed class KlasCementTokenException : Exception
{
    public KlasCementTokenException(HttpStatusCode statusCode, string? error)
        : base($"KlasCement's token endpoint answered {(int)statusCode}{(error is null ? "" : $" ({error})")}.")
    {
        StatusCode = statusCode;
        Error = error;
        Failure = error is "invalid_client" or "unauthorized_client" ? UpstreamFailure.ClientRejected
            : statusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized ? null
            : WebPortal.Integrations.UpstreamFailures.FromStatus(statusCode);
    }

    public KlasCementTokenException(UpstreamFailure failure, Exception? innerException = null)
        : base($"KlasCement's token endpoint could not be used: {failure}.", innerException) => Failure = failure;

    public HttpStatusCode? StatusCode { get; }

    /// <summary>The OAuth <c>error</c> code of the answer, when it had one.</summary>
    public string? Error { get; }

    /// <summary>
    /// Set for answers that say nothing about the grant itself: timeouts, 5xx, unreadable answers, and a refusal of the
    /// portal's own client credentials, which no reconnect by the person could cure.
    /// </summary>
    public UpstreamFailure? Failure { get; }

    /// <summary>True when KlasCement refused the grant (<c>invalid_grant</c>, or another 400 or 401) rather than failing to answer.</summary>
    public bool IsRejection => Failure is null && (Error == "invalid_grant" || StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized);
}

/// <summary>KlasCement answered, but not in the shape the note and its public integrations describe.</summary>
public sealed class KlasCementProtocolException(string message, Exception? innerException = null) : Exception(message, innerException);
