using System.Security.Claims;
using WebPortal.Sessions;

namespace WebPortal.Authentication;

/// <summary>The few claims of the portal's session (kept on the server): who the portal user is and how they signed in. Never a provider token.</summary>
public static class PortalClaims
{
    public const string AuthenticationType = "WebPortal";

    /// <summary>The provider the person last signed in with.</summary>
    public const string SignInProvider = SessionClaims.SignInProvider;

    public static ClaimsPrincipal Create(Guid userId, string displayName, string provider) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, userId.ToString("D")),
                new Claim(ClaimTypes.Name, displayName),
                new Claim(SignInProvider, provider),
            ],
            AuthenticationType));

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
