using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace WebPortal.Authentication;

/// <summary>
/// Ends the sessions of a portal user who no longer exists: deleting an account (by the person in one browser, or by
/// an admin) leaves its other browsers with a valid session cookie. Checked on every request, with the one read of the
/// user row the request makes anyway (<see cref="SignedInUserRecord"/>, shared with the admin policy and its link in
/// the layout), so that such a browser is simply signed out rather than shown an account that is gone.
/// </summary>
public static partial class DeletedUserSessions
{
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal?.FindUserId() is not { } userId)
        {
            return;
        }

        var users = context.HttpContext.RequestServices.GetRequiredService<SignedInUserRecord>();
        if (await users.FindAsync(userId, context.HttpContext.RequestAborted) is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DeletedUserSessions));
            LogSessionOfDeletedUser(logger, userId);
        }
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Ended a session of portal user {UserId}, who no longer exists")]
    private static partial void LogSessionOfDeletedUser(ILogger logger, Guid userId);
}
