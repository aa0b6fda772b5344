using Microsoft.Extensions.Localization;
using WebPortal.Localization;
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

    public string? Problem(IStringLocalizer<Text> text) => UpstreamProblems.Describe(text, Failure, KlasCementAuthenticationDefaults.DisplayName, "your profile", "an answer");
}
