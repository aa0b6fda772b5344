using System.Security.Cryptography;
using Microsoft.AspNetCore.Routing;

namespace WebPortal.Sandbox.KlasCement;

/// <summary>
/// The KlasCement stand-in in Development: mapped into the portal itself under <see cref="Path"/>, with one sandbox
/// member made an admin so that the admin pages can be tried at once.
/// </summary>
public sealed class KlasCementSandboxModule : ISandboxModule
{
    public const string Path = "/sandbox/klascement";

    /// <summary>The sandbox member who is an admin, as <c>Portal:Admins</c> names him: An Peeters.</summary>
    public const string AdminMember = "KlasCement:532abc50af2c8";

    private const string ClientId = "webportal-sandbox";

    public IReadOnlyDictionary<string, string?> Register(SandboxContext context)
    {
        var clientSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        context.Services.AddKlasCementSandbox(options =>
        {
            options.ClientId = ClientId;
            options.ClientSecret = clientSecret;
        });

        return new Dictionary<string, string?>(KlasCementSandboxSettings.For($"{context.PortalBaseUrl}{Path}", ClientId, clientSecret))
        {
            ["KlasCement:RedirectUri"] = $"{context.PortalBaseUrl}/signin-klascement",

            // Beside any admins the configuration names: a list binds every child, whatever its key.
            ["Portal:Admins:sandbox"] = AdminMember,
        };
    }

    public void Map(IEndpointRouteBuilder endpoints) => endpoints.MapKlasCementSandbox(Path);
}
