using Microsoft.Extensions.Localization;
using WebPortal.Localization;
using WebPortal.Tokens;

namespace WebPortal.Providers;

/// <summary>What a provider's page says when the provider did not answer usefully, in words for the person.</summary>
public static class UpstreamProblems
{
    /// <param name="text">The request's language.</param>
    /// <param name="provider">The provider's display name.</param>
    /// <param name="access">The key of what the portal's access is to, as in "access to your profile".</param>
    /// <param name="answer">The key of what the provider sends, as in "sent an agenda the portal could not read".</param>
    public static string? Describe(IStringLocalizer<Text> text, UpstreamFailure? failure, string provider, string access, string answer) => failure switch
    {
        UpstreamFailure.Timeout => text["{0} took too long to answer. Please try again in a moment.", provider].Value,
        UpstreamFailure.Unreachable => text["{0} could not be reached just now. Please try again in a moment.", provider].Value,
        UpstreamFailure.ServerError => text["{0} is having trouble right now: it answered with an error. Please try again later.", provider].Value,
        UpstreamFailure.MalformedAnswer => text["{0} sent {1} the portal could not read. Please try again later.", provider, text[answer].Value].Value,
        UpstreamFailure.Unauthorized => text["{0} did not accept the portal's access to {1}, even after renewing it. Reconnecting {0} usually fixes this.", provider, text[access].Value].Value,
        UpstreamFailure.Redirected => text["{0} sent the portal to another address instead of answering. The portal does not follow such redirects, so nothing was fetched from there and nothing of yours was sent there. Please try again later.", provider].Value,
        UpstreamFailure.ClientRejected => text["{0} did not accept the portal itself, so your access could not be renewed. This is a problem on our side, not yours; please try again later.", provider].Value,
        _ => null,
    };
}
