using System.Security.Claims;

namespace WebPortal.Sessions;

public static class SessionClaims
{
    /// <summary>The session's public id (<see cref="Data.UserSession.Id"/>), which the store adds to the principal it keeps.</summary>
    public const string SessionId = "webportal:sid";

    /// <summary>The provider the person signed in with, which the session's row keeps beside it.</summary>
    public const string SignInProvider = "webportal:signin_provider";

    /// <summary>The id of the session the request belongs to, or null for a request without one.</summary>
    public static Guid? FindSessionId(this ClaimsPrincipal principal) =>
        Guid.TryParseExact(principal.FindFirstValue(SessionId), "N", out var id) ? id : null;
}
