namespace WebPortal.Sandbox.KlasCement;

/// <summary>The one client the sandbox knows, and how long its access tokens live.</summary>
public sealed class KlasCementSandboxOptions
{
    public string ClientId { get; set; } = "webportal-sandbox";

    public string ClientSecret { get; set; } = "";

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public List<KlasCementSandboxMember> Members { get; } = [.. KlasCementSandboxMember.Defaults];
}

/// <summary>How a sandbox endpoint answers; anything but <see cref="Normal"/> simulates a fault of the real provider.</summary>
public enum SandboxBehaviour
{
    Normal,
    ServerError,
    MalformedJson,
    Unauthorized,
    InvalidGrant,
    Slow,

    /// <summary>
    /// Sends the client elsewhere, to <see cref="KlasCementSandbox.RedirectTo"/>: 307 from the token and refresh
    /// endpoints (which would re-send the form and the client credentials), 302 from the profile endpoint.
    /// </summary>
    Redirect,

    /// <summary>400 <c>invalid_grant</c> whose <c>error_description</c> echoes everything the request carried, client secret included.</summary>
    EchoingError,

    /// <summary>400 whose <c>error</c> itself echoes everything the request carried.</summary>
    EchoingErrorCode,
}
