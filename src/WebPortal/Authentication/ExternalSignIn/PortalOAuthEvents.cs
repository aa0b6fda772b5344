using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;

namespace WebPortal.Authentication.ExternalSignIn;

/// <summary>
/// The events of the portal's OAuth providers: the handler's ticket keeps the token answer in its properties, and the
/// sign-in completes, or fails, in the steps every provider shares (<see cref="PortalSignInCompletion"/>).
/// </summary>
public sealed class PortalOAuthEvents(PortalSignInCompletion completion) : OAuthEvents
{
    /// <summary>
    /// Keeps the token answer with the ticket, nothing stored yet; unlike <c>SaveTokens</c>, with its raw
    /// <c>expires_in</c> and its <c>scope</c>.
    /// </summary>
    public override Task CreatingTicket(OAuthCreatingTicketContext context)
    {
        SignInTokens.Keep(context.Properties, context.TokenResponse);
        return Task.CompletedTask;
    }

    public override Task TicketReceived(TicketReceivedContext context) => completion.TicketReceivedAsync(context);

    public override Task RemoteFailure(RemoteFailureContext context) => completion.RemoteFailureAsync(context);
}
