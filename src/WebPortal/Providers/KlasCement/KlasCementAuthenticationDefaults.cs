namespace WebPortal.Providers.KlasCement;

/// <summary>Default values of the KlasCement authentication handler, from KlasCement's integration note.</summary>
public static class KlasCementAuthenticationDefaults
{
    public const string AuthenticationScheme = "KlasCement";

    /// <summary>The configuration section bound onto <see cref="KlasCementAuthenticationOptions"/>.</summary>
    public const string ConfigurationSection = "KlasCement";

    public const string DisplayName = "KlasCement";

    public const string Issuer = "KlasCement";

    public const string CallbackPath = "/signin-klascement";

    public const string AuthorizationEndpoint = "https://www.klascement.net/oauth/authorize";

    public const string TokenEndpoint = "https://www.klascement.net/oauth/token";

    /// <summary>KlasCement refreshes at its own endpoint, not at the token endpoint.</summary>
    public const string RefreshTokenEndpoint = "https://www.klascement.net/oauth/refreshtoken";

    /// <summary>The member's id is appended as a path segment: <c>/api/users/USER_ID?access_token=…</c>.</summary>
    public const string UserInformationEndpoint = "https://www.klascement.net/api/users";

    /// <summary>The only scope the note names.</summary>
    public const string DefaultScope = "name";
}
