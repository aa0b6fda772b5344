using Microsoft.AspNetCore.Authorization;

namespace WebPortal.Authentication.Admins;

public static class PortalPolicies
{
    /// <summary>A signed-in portal user whose account holds the admin role now, as the database says on every request.</summary>
    public const string Admin = "PortalAdmin";

    public static void AddAdminPolicy(this AuthorizationOptions options) =>
        options.AddPolicy(Admin, policy => policy
            .RequireAuthenticatedUser()
            .AddRequirements(new PortalAdminRequirement()));
}

public sealed class PortalAdminRequirement : IAuthorizationRequirement;

/// <summary>
/// Reads the role from the database rather than from the cookie, so that a revoked admin, or a deleted user, loses
/// access at the very next request. The read is the request's one read of the user row, shared with the session check.
/// </summary>
internal sealed class PortalAdminHandler(SignedInUserRecord users) : AuthorizationHandler<PortalAdminRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PortalAdminRequirement requirement)
    {
        if (context.User.FindUserId() is { } userId
            && await users.FindAsync(userId, CancellationToken.None) is { IsAdmin: true })
        {
            context.Succeed(requirement);
        }
    }
}
