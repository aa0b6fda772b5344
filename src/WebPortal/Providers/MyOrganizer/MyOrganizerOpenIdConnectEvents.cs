using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using WebPortal.Authentication.ExternalSignIn;
using WebPortal.Authentication;
using WebPortal.Integrations.Http;
using WebPortal.Tokens;

namespace WebPortal.Providers.MyOrganizer;

/// <summary>
/// What the portal adds to Microsoft.Identity.Web's OpenID Connect events for MyOrganizer: the tokens of a completed
/// sign-in go to the encrypted store and the cookie gets the portal's own principal; B2C's "forgot password" leads
/// into the reset flow, "cancelled" back to the start page; every other failure ends on the sign-in error page,
/// with nothing stored and no session.
/// </summary>
internal static partial class MyOrganizerOpenIdConnectEvents
{
    /// <summary>Set once the callback's state checked out and the code goes to the token endpoint.</summary>
    private const string RedeemingCode = "webportal:myorganizer:redeeming";

    /// <summary>Set once the token endpoint answered with tokens: what fails after that is the tokens' validation.</summary>
    private const string TokensReceived = "webportal:myorganizer:tokens";

    /// <summary>The validated sign-in, held for this request until every check has passed.</summary>
    private const string ValidatedSignIn = "webportal:myorganizer:signin";

    private const string ForgotPassword = "AADB2C90118";
    private const string Cancelled = "AADB2C90091";

    public static void Attach(OpenIdConnectEvents events)
    {
        var redirectToIdentityProvider = events.OnRedirectToIdentityProvider;
        events.OnRedirectToIdentityProvider = async context =>
        {
            await redirectToIdentityProvider(context);
            if (MyOrganizerUserFlows.Of(context.Properties) is { } policy)
            {
                context.ProtocolMessage.IssuerAddress = MyOrganizerUserFlows.Switch(context.ProtocolMessage.IssuerAddress, Settings(context.HttpContext).SignUpSignInPolicyId, policy);
            }
        };

        var authorizationCodeReceived = events.OnAuthorizationCodeReceived;
        events.OnAuthorizationCodeReceived = async context =>
        {
            await authorizationCodeReceived(context);
            context.HttpContext.Items[RedeemingCode] = true;
            if (MyOrganizerUserFlows.Of(context.Properties) is { } policy && context.TokenEndpointRequest is { } request)
            {
                var configuration = await context.Options.ConfigurationManager!.GetConfigurationAsync(context.HttpContext.RequestAborted);
                request.TokenEndpoint = MyOrganizerUserFlows.Switch(configuration.TokenEndpoint, Settings(context.HttpContext).SignUpSignInPolicyId, policy);
            }
        };

        var tokenResponseReceived = events.OnTokenResponseReceived;
        events.OnTokenResponseReceived = async context =>
        {
            await tokenResponseReceived(context);
            context.HttpContext.Items[TokensReceived] = true;
        };

        events.OnTokenValidated = HoldValidatedSignIn;
        events.OnTicketReceived = StoreTokensAndSignInAsync;

        // Replaces Microsoft.Identity.Web's B2C failure handling, which sends people to its own UI's pages.
        events.OnRemoteFailure = HandleFailureAsync;
    }

    /// <summary>
    /// Keeps who signed in and the tokens, without storing anything yet: the handler checks the id_token's nonce and
    /// subject only after this event, and a sign-in that fails them must leave nothing behind.
    /// </summary>
    private static Task HoldValidatedSignIn(TokenValidatedContext context)
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

        var principal = context.Principal!;

        // The access token, where it can be read, must be for the person the id_token names.
        if (MyOrganizerAccessTokens.SubjectOf(answer.AccessToken) is { } subject
            && !string.Equals(subject, principal.FindFirst("sub")?.Value, StringComparison.Ordinal))
        {
            throw new SecurityTokenValidationException("MyOrganizer's access token names another subject than its id_token.");
        }

        var identity = new ExternalIdentity(
            context.Scheme.Name,
            principal.FindFirst("sub")?.Value ?? "",
            principal.FindFirst("name")?.Value,
            principal.FindFirst("emails")?.Value ?? principal.FindFirst("email")?.Value);
        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        context.HttpContext.Items[ValidatedSignIn] = (identity, ProviderTokens.Create(answer.AccessToken, answer.RefreshToken, answer.ExpiresIn, answer.Scope, now));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Every check has passed: find or create the portal user, store the tokens encrypted, and give the cookie the
    /// portal's principal. Failures here are past the handler's own error handling, so they are turned into the
    /// sign-in error page here.
    /// </summary>
    private static async Task StoreTokensAndSignInAsync(TicketReceivedContext context)
    {
        var http = context.HttpContext;
        try
        {
            var (identity, tokens) = ((ExternalIdentity, ProviderTokens))http.Items[ValidatedSignIn]!;
            if (identity.ProviderUserId.Length == 0)
            {
                throw new MyOrganizerProtocolException("MyOrganizer's id_token has no sub.");
            }

            // The callback is handled before the authentication middleware reads the portal cookie: ask it who, if
            // anyone, is already signed in and is linking this account.
            var session = await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            var signIn = http.RequestServices.GetRequiredService<ExternalSignInService>();
            context.Principal = await signIn.SignInAsync(identity, tokens, session.Principal?.FindUserId(), http.RequestAborted);
            context.Properties?.Items.Remove(MyOrganizerUserFlows.PolicyProperty);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
        {
            await HandleFailureAsync(new RemoteFailureContext(http, context.Scheme, context.Options, exception) { Properties = context.Properties });
            context.HandleResponse();
        }
    }

    private static async Task HandleFailureAsync(RemoteFailureContext context)
    {
        var http = context.HttpContext;
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MyOrganizerOpenIdConnectEvents));
        var redeeming = http.Items.ContainsKey(RedeemingCode);
        var error = context.Failure?.Data["error"] as string;
        var description = context.Failure?.Data["error_description"] as string ?? "";
        context.HandleResponse();

        if (!redeeming && error is not null && description.StartsWith(ForgotPassword, StringComparison.Ordinal)
            && Settings(http).ResetPasswordPolicyId is { Length: > 0 } resetPolicy)
        {
            LogPasswordReset(logger);
            var properties = new AuthenticationProperties { RedirectUri = context.Properties?.RedirectUri ?? MyOrganizerAuthenticationDefaults.LandingPath };
            await http.ChallengeAsync(context.Scheme.Name, MyOrganizerUserFlows.In(properties, resetPolicy));
            return;
        }

        if (!redeeming && error is not null && description.StartsWith(Cancelled, StringComparison.Ordinal))
        {
            LogCancelled(logger);
            context.Response.Redirect($"{http.Request.PathBase}/?cancelled={Uri.EscapeDataString(context.Scheme.Name)}");
            return;
        }

        var reason = Classify(context.Failure, redeeming, http.Items.ContainsKey(TokensReceived), error);
        LogSignInFailed(logger, context.Scheme.Name, reason, http.TraceIdentifier, Describe(context.Failure, error, description));
        context.Response.Redirect(SignInErrorPage.Path(http, context.Scheme.Name, reason));
    }

    private static SignInFailureReason Classify(Exception? failure, bool redeeming, bool tokensReceived, string? error) => failure switch
    {
        // Before the code went to the token endpoint, an error is what B2C sent on the callback.
        _ when !redeeming && error is "access_denied" => SignInFailureReason.Denied,
        _ when !redeeming && error is not null => SignInFailureReason.ProviderError,
        ProviderRedirectException or { InnerException: ProviderRedirectException } => SignInFailureReason.ProviderRedirected,
        MyOrganizerProtocolException => SignInFailureReason.TokenEndpoint,
        AccountLinkConflictException => SignInFailureReason.AccountLinkConflict,
        SecurityTokenException => SignInFailureReason.InvalidToken,
        OpenIdConnectProtocolException when tokensReceived => SignInFailureReason.InvalidToken,
        _ when redeeming && !tokensReceived => SignInFailureReason.TokenEndpoint,
        _ => SignInFailureClassifier.Classify(failure),
    };

    /// <summary>
    /// What the log needs to find the cause: B2C's error code (<c>AADB2C…</c>) but not the rest of its description, or
    /// the exception's type and message. Token validation messages name claims and keys, never a token.
    /// </summary>
    private static string Describe(Exception? failure, string? error, string description) => failure switch
    {
        null => "no details",
        _ when error is not null => $"the provider sent error={ProviderErrorCodes.Code(error)}{(ProviderErrorCodes.B2CCode(description) is { } code ? $" ({code})" : "")}",
        { InnerException: { } inner } => $"{failure.GetType().Name}: {failure.Message} ({inner.GetType().Name}: {inner.Message})",
        _ => $"{failure.GetType().Name}: {failure.Message}",
    };

    private static MyOrganizerB2CSettings Settings(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<MyOrganizerB2CSettings>>().Value;

    [LoggerMessage(EventId = 1020, Level = LogLevel.Warning, Message = "Sign-in with {Provider} failed ({Reason}, reference {Reference}): {FailureMessage}")]
    private static partial void LogSignInFailed(ILogger logger, string provider, SignInFailureReason reason, string reference, string failureMessage);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Information, Message = "A person chose \"forgot password\" at MyOrganizer; starting the password-reset user flow")]
    private static partial void LogPasswordReset(ILogger logger);

    [LoggerMessage(EventId = 1022, Level = LogLevel.Information, Message = "A person cancelled the sign-in at MyOrganizer")]
    private static partial void LogCancelled(ILogger logger);
}

/// <summary>MyOrganizer answered, but without what a sign-in needs (an access token in the token answer).</summary>
public sealed class MyOrganizerProtocolException(string message) : Exception(message);
