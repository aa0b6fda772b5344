using WebPortal.Tokens;

namespace WebPortal.Providers.KlasCement;

public enum ProfileState
{
    Shown,
    ProviderOff,
    NotConnected,
    NeedsReconnect,
    Unavailable,
}

public sealed record ProfileViewModel(ProfileState State, KlasCementProfile? Profile, UpstreamFailure? Failure)
{
    public const string Provider = KlasCementAuthenticationDefaults.AuthenticationScheme;

    public static ProfileViewModel Shown(KlasCementProfile profile) => new(ProfileState.Shown, profile, null);

    public static ProfileViewModel ProviderOff() => new(ProfileState.ProviderOff, null, null);

    public static ProfileViewModel NotConnected() => new(ProfileState.NotConnected, null, null);

    public static ProfileViewModel NeedsReconnect() => new(ProfileState.NeedsReconnect, null, null);

    public static ProfileViewModel Unavailable(UpstreamFailure failure) => new(ProfileState.Unavailable, null, failure);

    /// <summary>Offers a new sign-in with KlasCement: it is what cures a refused token.</summary>
    public bool OffersReconnect => State is ProfileState.NeedsReconnect || Failure is UpstreamFailure.Unauthorized;

    public string? Problem => Failure switch
    {
        UpstreamFailure.Timeout => "KlasCement took too long to answer. Please try again in a moment.",
        UpstreamFailure.Unreachable => "KlasCement could not be reached just now. Please try again in a moment.",
        UpstreamFailure.ServerError => "KlasCement is having trouble right now: it answered with an error. Please try again later.",
        UpstreamFailure.MalformedAnswer => "KlasCement sent an answer the portal could not read. Please try again later.",
        UpstreamFailure.Unauthorized => "KlasCement did not accept the portal's access to your profile, even after renewing it. Reconnecting KlasCement usually fixes this.",
        UpstreamFailure.Redirected => "KlasCement sent the portal to another address instead of answering. The portal does not follow such redirects, so nothing was fetched from there and nothing of yours was sent there. Please try again later.",
        UpstreamFailure.ClientRejected => "KlasCement did not accept the portal itself, so your access could not be renewed. This is a problem on our side, not yours; please try again later.",
        _ => null,
    };
}
