using Microsoft.AspNetCore.Authentication;

namespace WebPortal.Providers.KlasCement;

/// <summary>Adds KlasCement sign-in to an <see cref="AuthenticationBuilder"/>.</summary>
public static class KlasCementAuthenticationExtensions
{
    public static AuthenticationBuilder AddKlasCement(this AuthenticationBuilder builder) =>
        builder.AddKlasCement(KlasCementAuthenticationDefaults.AuthenticationScheme, _ => { });

    public static AuthenticationBuilder AddKlasCement(this AuthenticationBuilder builder, Action<KlasCementAuthenticationOptions> configuration) =>
        builder.AddKlasCement(KlasCementAuthenticationDefaults.AuthenticationScheme, configuration);

    public static AuthenticationBuilder AddKlasCement(this AuthenticationBuilder builder, string scheme, Action<KlasCementAuthenticationOptions> configuration) =>
        builder.AddKlasCement(scheme, KlasCementAuthenticationDefaults.DisplayName, configuration);

    public static AuthenticationBuilder AddKlasCement(
        this AuthenticationBuilder builder,
        string scheme,
        string caption,
        Action<KlasCementAuthenticationOptions> configuration) =>
        builder.AddOAuth<KlasCementAuthenticationOptions, KlasCementAuthenticationHandler>(scheme, caption, configuration);
}
