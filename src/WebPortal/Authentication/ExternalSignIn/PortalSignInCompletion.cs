using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using WebPortal.Integrations.Http;
using WebPortal.Sessions;

namespace WebPortal.Authentication.ExternalSignIn;

/// <summary>
/// The two steps every provider's events end in. <see cref="TicketReceivedAsync"/> runs once the handler's every check
/// has passed: it reads who signed in (through the provider's <see cref="ExternalIdentityClaims"/>) and the tokens the
/// handler kept (<see cref="SignInTokens"/>), stores them, links the account, swaps in the portal's principal and
/// strips the tokens before the cookie is written. <see cref="RemoteFailureAsync"/> ends every failure on the sign-in
/// error page, with one log line, after the provider's <see cref="ISignInFailureHook"/>, if any, had its say.
/// </summary>
/// <remarks>
/// The sign-in service, and with it a database context, is resolved only when a sign-in actually completes: the
/// handlers create their events on every request, to see whether the request is their callback.
/// </remarks>
public sealed partial class PortalSignInCompletion(TimeProvider time, ILogger<PortalSignInCompletion> logger)
{
    /// <summary>The event id of the one log line of every failed sign-in, whichever the provider.</summary>
    public const int SignInFailedEventId = 1010;

    public async Task TicketReceivedAsync(TicketReceivedContext context)
    {
        var http = context.HttpContext;
        var scheme = context.Scheme.Name;
        var properties = context.Properties ??= new AuthenticationProperties();
        try
        {
            var identity = http.RequestServices.GetRequiredKeyedService<ExternalIdentityClaims>(scheme).Read(scheme, context.Principal!);
            if (identity.ProviderUserId.Length == 0)
            {
                throw new SignInRefusedException(SignInFailureReason.TokenEndpoint, $"{scheme} did not name the account.");
            }

            var tokens = SignInTokens.Read(properties, time.GetUtcNow());

            // The callback is handled before the authentication middleware reads the portal cookie, so HttpContext.User
            // is still empty here: ask the session store who, if anyone, is already signed in and is linking this
            // account. Once signed in, that session ends: the cookie handler then starts a new one, with a new key.
            var sessions = http.RequestServices.GetRequiredService<PortalTicketStore>();
            var cookie = http.RequestServices.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme);
            var current = await sessions.FindCurrentAsync(http, cookie);
            var signIn = http.RequestServices.GetRequiredService<ExternalSignInService>();
            context.Principal = await signIn.SignInAsync(identity, tokens, current?.Principal.FindUserId(), http.RequestAborted);
            if (current is { Key: var replaced })
            {
                await sessions.RemoveAsync(replaced, http, http.RequestAborted);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
        {
            // RemoteAuthenticationHandler does not catch what TicketReceived throws (the person would get a 500), and
            // context.Fail() is neither "handled" nor "skipped" to it, so it would still write the cookie: answer as a
            // failed callback is answered, and end the request here.
            await RemoteFailureAsync(new RemoteFailureContext(http, context.Scheme, context.Options, exception) { Properties = properties });
            context.HandleResponse();
        }
        finally
        {
            // The cookie carries the portal's principal and these properties: never a provider's token.
            SignInTokens.Strip(properties);
        }
    }

    public async Task RemoteFailureAsync(RemoteFailureContext context)
    {
        var http = context.HttpContext;
        var scheme = context.Scheme.Name;
        var stage = SignInProgress.Of(http);
        context.HandleResponse();
        if (context.Properties is { } properties)
        {
            SignInTokens.Strip(properties);
        }

        if (http.RequestServices.GetKeyedService<ISignInFailureHook>(scheme) is { } hook && await hook.TryHandleAsync(context, stage))
        {
            return;
        }

        var reason = SignInFailureClassifier.Classify(context.Failure, stage);
        LogSignInFailed(logger, scheme, reason, http.TraceIdentifier, Describe(context.Failure));
        context.Response.Redirect(SignInErrorPage.Path(http, scheme, reason));
    }

    /// <summary>
    /// What the log needs to find the cause: for an error the provider sent (on the callback or from its token
    /// endpoint) only its validated codes, the OAuth <c>error</c> and B2C's <c>AADB2C…</c>: the rest of it is the
    /// sender's to write and may echo a code, a token or the secret. Otherwise the exception's type and message, and its
    /// inner one's; the portal's own messages and token validation's name claims and keys, never a token.
    /// </summary>
    private static string Describe(Exception? failure) => failure switch
    {
        null => "no details",
        _ when failure.Data["error"] is string error =>
            $"the provider sent error={ProviderErrorCodes.Code(error)}{(ProviderErrorCodes.B2CCode(failure.Data["error_description"] as string) is { } code ? $" ({code})" : "")}",
        { InnerException: { } inner } => $"{failure.GetType().Name}: {failure.Message} ({inner.GetType().Name}: {inner.Message})",
        _ => $"{failure.GetType().Name}: {failure.Message}",
    };

    [LoggerMessage(EventId = SignInFailedEventId, Level = LogLevel.Warning, Message = "Sign-in with {Provider} failed ({Reason}, reference {Reference}): {FailureMessage}")]
    private static partial void LogSignInFailed(ILogger logger, string provider, SignInFailureReason reason, string reference, string failureMessage);
}
