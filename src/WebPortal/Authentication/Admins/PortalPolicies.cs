using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using WebPortal.Data;

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
/// access at the very next request.
/// </summary>
internal sealed class PortalAdminHandler(PortalDbContext db) : AuthorizationHandler<PortalAdminRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PortalAdminRequirement requirement)
    {
        if (context.User.FindUserId() is { } userId
            && await db.Users.AsNoTracking().AnyAsync(u => u.Id == userId && u.IsAdmin))
        {
            context.Succeed(requirement);
        }
    }
}
