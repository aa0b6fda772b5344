using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Tokens;
using WebPortal.Authentication.ExternalSignIn;

namespace WebPortal.Providers.MyOrganizer;

/// <summary>
/// What the portal adds to Microsoft.Identity.Web's OpenID Connect events for MyOrganizer: the user flow of a sign-in
/// started in another flow, its own checks of the token answer, and the tokens kept with the ticket; the sign-in then
/// completes, or fails, in the steps every provider shares (<see cref="PortalSignInCompletion"/>), where
/// <see cref="MyOrganizerUserFlowFailures"/> answers B2C's "forgot password" and "cancelled".
/// </summary>
internal static class MyOrganizerOpenIdConnectEvents
{
    public static void Attach(OpenIdConnectEvents events)
    {
        // Microsoft.Identity.Web switches user flows too (its "policy" property), but it drops the flow from the
        // sign-in's state and switches to the hybrid response type, so the code could not be redeemed at the same
        // flow's token endpoint: the portal's own switch (MyOrganizerUserFlows) keeps the code flow and the flow.
        var redirectToIdentityProvider = events.OnRedirectToIdentityProvider;
        events.OnRedirectToIdentityProvider = async context =>
        {
            await redirectToIdentityProvider(context);
            if (MyOrganizerUserFlows.Of(context.Properties) is { } policy)
            {
                context.ProtocolMessage.IssuerAddress = MyOrganizerUserFlows.Switch(context.ProtocolMessage.IssuerAddress, DefaultUserFlow(context.HttpContext, context.Scheme.Name), policy);
            }
        };

        var authorizationCodeReceived = events.OnAuthorizationCodeReceived;
        events.OnAuthorizationCodeReceived = async context =>
        {
            await authorizationCodeReceived(context);
            SignInProgress.Reached(context.HttpContext, SignInStage.RedeemingCode);
            if (MyOrganizerUserFlows.Of(context.Properties) is { } policy && context.TokenEndpointRequest is { } request)
            {
                var configuration = await context.Options.ConfigurationManager!.GetConfigurationAsync(context.HttpContext.RequestAborted);
                request.TokenEndpoint = MyOrganizerUserFlows.Switch(configuration.TokenEndpoint, DefaultUserFlow(context.HttpContext, context.Scheme.Name), policy);
            }
        };

        var tokenResponseReceived = events.OnTokenResponseReceived;
        events.OnTokenResponseReceived = async context =>
        {
            await tokenResponseReceived(context);
            SignInProgress.Reached(context.HttpContext, SignInStage.TokensReceived);
        };

        events.OnTokenValidated = CheckAndKeepTokens;
        events.OnTicketReceived = context =>
        {
            context.Properties?.Items.Remove(MyOrganizerUserFlows.PolicyProperty);
            return Completion(context.HttpContext).TicketReceivedAsync(context);
        };

        // Replaces Microsoft.Identity.Web's B2C failure handling, which sends people to its own UI's pages (not part of
        // the portal); B2C's codes are answered by MyOrganizerUserFlowFailures, consulted by the shared step.
        events.OnRemoteFailure = context => Completion(context.HttpContext).RemoteFailureAsync(context);
    }

    /// <summary>
    /// Checks what the framework does not, and keeps the tokens with the ticket without storing anything yet: the
    /// handler checks the id_token's nonce and subject only after this event, and a sign-in that fails them must leave
    /// nothing behind. Storing happens in TicketReceived, once every check has passed.
    /// </summary>
    private static Task CheckAndKeepTokens(TokenValidatedContext context)
    {
        // The framework accepts an unsigned id_token from the token endpoint (OpenID Connect Core 3.1.3.7 allows TLS
        // to stand in for the signature). MyOrganizer signs its tokens, so one without a signature is not theirs.
        if (string.IsNullOrEmpty(context.SecurityToken?.RawSignature))
        {
            throw new SecurityTokenInvalidSignatureException("MyOrganizer's id_token is not signed.");
        }

        var answer = context.TokenEndpointResponse;
        if (answer is null || string.IsNullOrEmpty(answer.AccessToken))
        {
            throw new MyOrganizerProtocolException("MyOrganizer's token answer has no access token.");
        }

        // The access token, where it can be read, must be for the person the id_token names.
        if (MyOrganizerAccessTokens.SubjectOf(answer.AccessToken) is { } subject
            && !string.Equals(subject, context.Principal?.FindFirst("sub")?.Value, StringComparison.Ordinal))
        {
            throw new SecurityTokenValidationException("MyOrganizer's access token names another subject than its id_token.");
        }

        SignInTokens.Keep(context.Properties!, answer.AccessToken, answer.RefreshToken, answer.ExpiresIn, answer.Scope);
        return Task.CompletedTask;
    }

    private static PortalSignInCompletion Completion(HttpContext context) => context.RequestServices.GetRequiredService<PortalSignInCompletion>();

    private static string DefaultUserFlow(HttpContext context, string scheme) =>
        context.RequestServices.GetRequiredService<IOptionsMonitor<MicrosoftIdentityOptions>>().Get(scheme).DefaultUserFlow!;
}

/// <summary>MyOrganizer answered, but without what a sign-in needs (an access token in the token answer).</summary>
public sealed class MyOrganizerProtocolException(string message) : SignInRefusedException(SignInFailureReason.TokenEndpoint, message);
