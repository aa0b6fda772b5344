using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OAuth;
using WebPortal.Integrations.Http;
using WebPortal.Tokens;

namespace WebPortal.Authentication.ExternalSignIn;

/// <summary>
/// Events shared by the portal's OAuth providers: a completed sign-in is stored server-side and replaced by the
/// portal's own principal; every failure ends on the sign-in error page, with nothing stored and no session.
/// </summary>
/// <remarks>
/// The handler creates its events on every request, to see whether the request is its callback: the sign-in
/// service, and with it a database context, is therefore only resolved when a sign-in actually completes.
/// </remarks>
public sealed partial class PortalOAuthEvents(TimeProvider time, ILogger<PortalOAuthEvents> logger) : OAuthEvents
{
    public override async Task CreatingTicket(OAuthCreatingTicketContext context)
    {
        var identity = new ExternalIdentity(
            context.Scheme.Name,
            context.Identity!.FindFirst(ClaimTypes.NameIdentifier)!.Value,
            context.Identity.FindFirst(ClaimTypes.Name)?.Value,
            context.Identity.FindFirst(ClaimTypes.Email)?.Value);

        var tokens = ProviderTokens.FromOAuthAnswer(context.TokenResponse, time.GetUtcNow());

        // The callback is handled before the authentication middleware reads the portal cookie, so HttpContext.User is
        // still empty here: ask the cookie who, if anyone, is already signed in and is linking this account.
        var session = await context.HttpContext.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        var signIn = context.HttpContext.RequestServices.GetRequiredService<ExternalSignInService>();
        context.Principal = await signIn.SignInAsync(identity, tokens, session.Principal?.FindUserId(), context.HttpContext.RequestAborted);
    }

    public override Task RemoteFailure(RemoteFailureContext context)
    {
        var reason = SignInFailureClassifier.Classify(context.Failure);
        LogSignInFailed(logger, context.Scheme.Name, reason, context.HttpContext.TraceIdentifier, Describe(context.Failure));
        context.Response.Redirect(SignInErrorPage.Path(context.HttpContext, context.Scheme.Name, reason));
        context.HandleResponse();
        return Task.CompletedTask;
    }

    /// <summary>
    /// What the log needs to find the cause: the exception's type and message, and its inner one's. For an error the
    /// provider sent on the callback only its code: the rest of the callback is the sender's to write.
    /// </summary>
    private static string Describe(Exception? failure) => failure switch
    {
        null => "no details",
        AuthenticationFailureException when failure.Data["error"] is string error => $"the provider sent error={ProviderErrorCodes.Code(error)}",
        { InnerException: { } inner } => $"{failure.GetType().Name}: {failure.Message} ({inner.GetType().Name}: {inner.Message})",
        _ => $"{failure.GetType().Name}: {failure.Message}",
    };

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "Sign-in with {Provider} failed ({Reason}, reference {Reference}): {FailureMessage}")]
    private static partial void LogSignInFailed(ILogger logger, string provider, SignInFailureReason reason, string reference, string? failureMessage);
}
