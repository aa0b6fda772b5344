using WebPortal.Authentication.ExternalSignIn;
using WebPortal.Authentication;

namespace WebPortal.ViewModels.Account;

public sealed record SignInErrorViewModel(ExternalProvider? Provider, SignInFailureReason Reason, string? Reference)
{
    /// <summary>The provider's name for the texts' <c>{0}</c>; null when the provider is unknown (the view says "the provider").</summary>
    public string? ProviderName => Provider?.DisplayName;

    public string Title => Reason switch
    {
        SignInFailureReason.Denied => "Sign-in cancelled",
        SignInFailureReason.AccountLinkConflict => "Account already linked",
        _ => "Sign-in did not complete",
    };

    /// <summary>The text's key, in English, with <c>{0}</c> for the provider's name.</summary>
    public string Explanation => Reason switch
    {
        SignInFailureReason.Denied =>
            "You did not give the portal access at {0}, so you are not signed in. Nothing was stored.",
        SignInFailureReason.ProviderError =>
            "{0} reported a problem with the sign-in request. Nothing was stored.",
        SignInFailureReason.ProviderUnreachable =>
            "{0} could not be reached to start the sign-in. Please try again in a moment. Nothing was stored.",
        SignInFailureReason.UntrustedProvider =>
            "{0}'s sign-in service is not the one this portal is set up for, so you were not sent there. Please let the portal's administrators know. Nothing was stored.",
        SignInFailureReason.InvalidState =>
            "The sign-in answer did not match a sign-in started from this browser, or it took too long. For your safety it was not accepted. Nothing was stored.",
        SignInFailureReason.MissingCode =>
            "{0} sent you back without a sign-in code. Nothing was stored.",
        SignInFailureReason.TokenEndpoint =>
            "{0} did not confirm the sign-in when the portal asked for access. Nothing was stored.",
        SignInFailureReason.ProviderRedirected =>
            "{0} sent the portal to another address instead of confirming the sign-in. For your safety the portal does not follow such redirects, so nothing was sent there. Nothing was stored.",
        SignInFailureReason.InvalidToken =>
            "{0}'s answer could not be verified as genuine and recent, so it was not accepted. Nothing was stored.",
        SignInFailureReason.ProfileUnavailable =>
            "{0} confirmed the sign-in, but your member details could not be read. Nothing was stored.",
        SignInFailureReason.AccountLinkConflict =>
            "This {0} account is already linked to another portal account. Sign out and sign in with it instead.",
        SignInFailureReason.DatabaseUnavailable =>
            "{0} signed you in, but the portal's database cannot be reached just now, so the sign-in could not be completed. Please try again in a few minutes.",
        _ => "Something unexpected went wrong while signing you in. Nothing was stored.",
    };

    public bool CanTryAgain => Provider is { IsEnabled: true } && Reason is not (SignInFailureReason.AccountLinkConflict or SignInFailureReason.UntrustedProvider);
}
