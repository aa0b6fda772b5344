namespace WebPortal.Integrations.MyOrganizer;

/// <summary>
/// Configuration section <c>MyOrganizerApi</c>: the API gateway's token endpoint, and the app key and secret with
/// which it issues the portal's own tokens.
/// </summary>
public sealed class MyOrganizerApiSettings
{
    public const string Section = "MyOrganizerApi";

    /// <summary>The gateway's OAuth token endpoint (Fusio's <c>/authorization/token</c>).</summary>
    public string TokenEndpoint { get; set; } = "";

    /// <summary>Empty switches the gateway's app tokens off.</summary>
    public string AppKey { get; set; } = "";

    public string AppSecret { get; set; } = "";

    /// <summary>An app token expiring within this margin is renewed before use.</summary>
    public TimeSpan AppTokenRefreshSkew { get; set; } = TimeSpan.FromSeconds(60);
}
