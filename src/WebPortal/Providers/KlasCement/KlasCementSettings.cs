namespace WebPortal.Providers.KlasCement;

/// <summary>
/// Configuration section <c>KlasCement</c>, bound once and validated at start-up; the handler's options are made
/// from it. Endpoints default to KlasCement's production URLs.
/// </summary>
public sealed class KlasCementSettings
{
    public const string Section = "KlasCement";

    /// <summary>The client id KlasCement gave the organisation. Empty switches KlasCement sign-in off.</summary>
    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>Space- or comma-separated; the note names only <c>name</c>.</summary>
    public string Scope { get; set; } = KlasCementAuthenticationDefaults.DefaultScope;

    public string AuthorizationEndpoint { get; set; } = KlasCementAuthenticationDefaults.AuthorizationEndpoint;

    public string TokenEndpoint { get; set; } = KlasCementAuthenticationDefaults.TokenEndpoint;

    public string RefreshTokenEndpoint { get; set; } = KlasCementAuthenticationDefaults.RefreshTokenEndpoint;

    /// <summary>The member id is appended as a path segment.</summary>
    public string UserInformationEndpoint { get; set; } = KlasCementAuthenticationDefaults.UserInformationEndpoint;

    /// <summary>The callback URL registered with KlasCement, absolute; sent as the refresh's mandatory <c>redirect_uri</c>.</summary>
    public string RedirectUri { get; set; } = "";

    public IEnumerable<string> Scopes => Scope.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
