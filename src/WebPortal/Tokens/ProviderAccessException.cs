namespace WebPortal.Tokens;

/// <summary>Why a call on a person's behalf could not be made. Messages are safe to show and log: they never carry a token.</summary>
public abstract class ProviderAccessException(string provider, string message) : Exception(message)
{
    public string Provider { get; } = provider;
}

/// <summary>The person has no connection with this provider.</summary>
public sealed class ProviderNotConnectedException(string provider)
    : ProviderAccessException(provider, $"No {provider} account is connected.");

/// <summary>The provider no longer accepts the stored refresh token; only a new sign-in with the provider helps.</summary>
public sealed class ReconnectRequiredException(string provider)
    : ProviderAccessException(provider, $"The {provider} connection needs to be renewed by signing in with {provider} again.");

/// <summary>The provider failed to answer usefully: a timeout, a 5xx, an unreadable answer or a refused token.</summary>
public sealed class ProviderUnavailableException(string provider, UpstreamFailure failure)
    : ProviderAccessException(provider, $"{provider} could not be used: {failure}.")
{
    public UpstreamFailure Failure { get; } = failure;
}

public enum UpstreamFailure
{
    Timeout,
    Unreachable,
    ServerError,
    MalformedAnswer,

    /// <summary>The API refused the access token even after a refresh.</summary>
    Unauthorized,

    /// <summary>The provider refused the portal's own client credentials: a configuration problem, not the person's.</summary>
    ClientRejected,

    /// <summary>The provider answered with a redirect, which the portal never follows: nothing was sent on.</summary>
    Redirected,
}

/// <summary>What an HTTP status a provider answered with, which is no success, means for the person.</summary>
public static class UpstreamStatus
{
    public static UpstreamFailure Failure(System.Net.HttpStatusCode statusCode) => (int)statusCode switch
    {
        401 => UpstreamFailure.Unauthorized,
        408 or 504 => UpstreamFailure.Timeout,
        _ => UpstreamFailure.ServerError,
    };
}

/// <summary>The provider refused the call (403): what it granted the portal does not include this operation.</summary>
public sealed class ProviderPermissionDeniedException(string provider)
    : ProviderAccessException(provider, $"The permissions {provider} granted the portal do not include this operation.");
