using WebPortal.Tokens;

namespace WebPortal.Providers;

/// <summary>What a provider's page says when the provider did not answer usefully, in words for the person.</summary>
public static class UpstreamProblems
{
    /// <param name="provider">The provider's display name.</param>
    /// <param name="access">What the portal's access is to, as in "access to your profile".</param>
    /// <param name="answer">What the provider sends, as in "sent an agenda the portal could not read".</param>
    public static string? Describe(UpstreamFailure? failure, string provider, string access, string answer) => failure switch
    {
        UpstreamFailure.Timeout => $"{provider} took too long to answer. Please try again in a moment.",
        UpstreamFailure.Unreachable => $"{provider} could not be reached just now. Please try again in a moment.",
        UpstreamFailure.ServerError => $"{provider} is having trouble right now: it answered with an error. Please try again later.",
        UpstreamFailure.MalformedAnswer => $"{provider} sent {answer} the portal could not read. Please try again later.",
        UpstreamFailure.Unauthorized => $"{provider} did not accept the portal's access to {access}, even after renewing it. Reconnecting {provider} usually fixes this.",
        UpstreamFailure.Redirected => $"{provider} sent the portal to another address instead of answering. The portal does not follow such redirects, so nothing was fetched from there and nothing of yours was sent there. Please try again later.",
        UpstreamFailure.ClientRejected => $"{provider} did not accept the portal itself, so your access could not be renewed. This is a problem on our side, not yours; please try again later.",
        _ => null,
    };
}
