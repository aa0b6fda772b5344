using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;

namespace WebPortal.Authentication;

/// <summary>The few claims the portal cookie carries: who the portal user is and how they signed in. Never a provider token.</summary>
public static class PortalClaims
{
    public const string AuthenticationType = "WebPortal";

    /// <summary>The provider the person last signed in with.</summary>
    public const string SignInProvider = "webportal:signin_provider";

    /// <summary>A random id, new on every sign-in, so that no session outlives the sign-in that started it.</summary>
    public const string SessionId = "webportal:sid";

    public static ClaimsPrincipal Create(Guid userId, string displayName, string provider) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, userId.ToString("D")),
                new Claim(ClaimTypes.Name, displayName),
                new Claim(SignInProvider, provider),
                new Claim(SessionId, NewSessionId()),
            ],
            AuthenticationType));

    /// <summary>128 random bits, base64url: 22 characters in the cookie.</summary>
    private static string NewSessionId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>The portal user id of a signed-in person, or null for anyone else.</summary>
    public static Guid? FindUserId(this ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true
        && principal.Identity.AuthenticationType == AuthenticationType
        && Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            ? userId
            : null;

    public static Guid GetUserId(this ClaimsPrincipal principal) =>
        principal.FindUserId() ?? throw new InvalidOperationException("The request has no signed-in portal user.");
}
