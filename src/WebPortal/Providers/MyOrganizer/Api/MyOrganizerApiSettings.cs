namespace WebPortal.Providers.MyOrganizer.Api;

/// <summary>
/// Configuration section <c>MyOrganizerApi</c>: where the MyOrganizer API and its gateway live, and the app key and
/// secret with which the gateway issues the portal's own tokens.
/// </summary>
public sealed class MyOrganizerApiSettings
{
    public const string Section = "MyOrganizerApi";

    /// <summary>The MyOrganizer API behind the gateway.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>
    /// The agenda operation, relative to <see cref="BaseUrl"/>. The seeds name none: this is the portal's assumption,
    /// to be confirmed with MyOrganizer (the README documents the shape it expects).
    /// </summary>
    public string AppointmentsPath { get; set; } = "/appointments";

    /// <summary>What the readiness check calls with the app token, relative to <see cref="BaseUrl"/>.</summary>
    public string ReadinessPath { get; set; } = "/";

    /// <summary>The gateway's OAuth token endpoint (Fusio's <c>/authorization/token</c>).</summary>
    public string TokenEndpoint { get; set; } = "";

    /// <summary>Empty switches the gateway's app tokens off.</summary>
    public string AppKey { get; set; } = "";

    public string AppSecret { get; set; } = "";

    /// <summary>An app token expiring within this margin is renewed before use.</summary>
    public TimeSpan AppTokenRefreshSkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>An operation's URL: the path appended to <see cref="BaseUrl"/>, whose own path (a gateway prefix) stays.</summary>
    public string Url(string path) => $"{BaseUrl.TrimEnd('/')}/{path.TrimStart('/')}";

    /// <summary>The API clients' base address: <see cref="BaseUrl"/> with a final slash, so that its path stays.</summary>
    public Uri BaseAddress => new($"{BaseUrl.TrimEnd('/')}/");
}
