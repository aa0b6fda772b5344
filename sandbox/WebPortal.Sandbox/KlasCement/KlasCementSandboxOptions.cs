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
}
