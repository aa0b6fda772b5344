using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using WebPortal.Data;
using WebPortal.Integrations.Http;
using WebPortal.Tokens;

namespace WebPortal.Authentication.ExternalSignIn;

/// <summary>Why a sign-in with a provider did not complete, as far as the person needs to know.</summary>
public enum SignInFailureReason
{
    /// <summary>The person declined at the provider (<c>error=access_denied</c>).</summary>
    Denied,

    /// <summary>The provider sent another <c>error</c> on the callback.</summary>
    ProviderError,

    /// <summary>The provider could not be reached to start the sign-in (its OpenID Connect metadata).</summary>
    ProviderUnreachable,

    /// <summary>
    /// The provider's OpenID Connect metadata names another issuer than the configured one (another host or tenant):
    /// nobody is sent there. A configuration problem, or an authority that answers for someone else.
    /// </summary>
    UntrustedProvider,

    /// <summary>The callback's <c>state</c> was missing, forged or from another browser, or the sign-in took too long.</summary>
    InvalidState,

    /// <summary>The callback carried neither a code nor an error.</summary>
    MissingCode,

    /// <summary>The provider's token endpoint refused the code or did not answer usefully.</summary>
    TokenEndpoint,

    /// <summary>The provider's identity token failed validation (signature, issuer, audience, lifetime, nonce or subject).</summary>
    InvalidToken,

    /// <summary>The provider answered the portal's token request (or another call of the sign-in) with a redirect, which is never followed.</summary>
    ProviderRedirected,

    /// <summary>The provider granted tokens but its member information could not be read.</summary>
    ProfileUnavailable,

    /// <summary>The external account belongs to another portal account.</summary>
    AccountLinkConflict,

    /// <summary>The provider signed the person in, but the portal's database could not be reached to store it (<see cref="DatabaseOutage"/>).</summary>
    DatabaseUnavailable,

    Unexpected,
}

/// <summary>The one reading of why a sign-in failed, for every provider: typed errors first, the framework's messages last.</summary>
public static class SignInFailureClassifier
{
    // The framework's OAuth and OpenID Connect handlers report these cases only with fixed messages, with no exception
    // type or error data of their own: the messages are compared here, and nowhere else. A framework upgrade that
    // rewords them turns them into Unexpected; the sign-in failure tests would notice.
    private const string StateInvalidMessage = "The oauth state was missing or invalid.";
    private const string OpenIdConnectStateMissingMessage = "OpenIdConnectAuthenticationHandler: message.State is null or empty.";
    private const string OpenIdConnectStateInvalidMessage = "Unable to unprotect the message.State.";
    private const string CorrelationFailedMessage = "Correlation failed.";
    private const string CodeMissingMessage = "Code was not found.";

    // IdentityModel's protocol validator names its failures by a stable IDX code at the start of the message.
    private const string OpenIdConnectCodeMissingCode = "IDX21334:"; // "Both 'id_token' and 'code' are null …"
    private const string AccessTokenMissingMessage = "Failed to retrieve access token.";
    private const string AccessDeniedMessage = "Access was denied by the resource owner or by the remote server.";

    /// <param name="failure">What the handler, or the completion step, failed with.</param>
    /// <param name="stage">How far the callback got, as the provider's events recorded it.</param>
    public static SignInFailureReason Classify(Exception? failure, SignInStage stage) => failure switch
    {
        null => SignInFailureReason.Unexpected,
        ProviderRedirectException or { InnerException: ProviderRedirectException } or TokenEndpointException { Failure: UpstreamFailure.Redirected } => SignInFailureReason.ProviderRedirected,
        TokenEndpointException => SignInFailureReason.TokenEndpoint,
        SignInRefusedException refused => refused.Reason,
        AccountLinkConflictException => SignInFailureReason.AccountLinkConflict,
        _ when DatabaseOutage.IsCause(failure) => SignInFailureReason.DatabaseUnavailable,

        // An error the provider sent on the callback (the handlers put its code in Data["error"]); after the code went
        // to the token endpoint, the same exception carries the token endpoint's error.
        _ when stage == SignInStage.Callback && failure.Data["error"] is "access_denied" => SignInFailureReason.Denied,
        _ when stage == SignInStage.Callback && failure.Data["error"] is string => SignInFailureReason.ProviderError,
        SecurityTokenException => SignInFailureReason.InvalidToken,
        OpenIdConnectProtocolException when stage == SignInStage.TokensReceived => SignInFailureReason.InvalidToken,
        _ when stage == SignInStage.RedeemingCode => SignInFailureReason.TokenEndpoint,

        { Message: StateInvalidMessage or CorrelationFailedMessage or OpenIdConnectStateMissingMessage or OpenIdConnectStateInvalidMessage } => SignInFailureReason.InvalidState,
        OpenIdConnectProtocolException when failure.Message.StartsWith(OpenIdConnectCodeMissingCode, StringComparison.Ordinal) => SignInFailureReason.MissingCode,
        { Message: CodeMissingMessage } => SignInFailureReason.MissingCode,
        { Message: AccessTokenMissingMessage } => SignInFailureReason.TokenEndpoint,
        { Message: AccessDeniedMessage } => SignInFailureReason.Denied,
        _ => SignInFailureReason.Unexpected,
    };
}
