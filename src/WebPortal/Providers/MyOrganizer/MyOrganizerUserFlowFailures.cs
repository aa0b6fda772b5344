using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;
using WebPortal.Authentication.ExternalSignIn;
using WebPortal.Integrations.Http;

namespace WebPortal.Providers.MyOrganizer;

/// <summary>
/// B2C's two codes that are not failures to the person: "forgot password" (<c>AADB2C90118</c>) leads into the
/// password-reset user flow (<c>AzureAdB2C:ResetPasswordPolicyId</c>), "cancelled" (<c>AADB2C90091</c>) back to the
/// start page with a short notice. Microsoft.Identity.Web answers them with its own UI's pages, which the portal does
/// not have; every other failure is left to the shared step.
/// </summary>
internal sealed partial class MyOrganizerUserFlowFailures(IOptionsMonitor<MicrosoftIdentityOptions> options, ILogger<MyOrganizerUserFlowFailures> logger) : ISignInFailureHook
{
    private const string ForgotPassword = "AADB2C90118";
    private const string Cancelled = "AADB2C90091";

    public async Task<bool> TryHandleAsync(RemoteFailureContext context, SignInStage stage)
    {
        // Only B2C's answer on the callback: once the code went to the token endpoint, an error is the token endpoint's.
        if (stage != SignInStage.Callback || context.Failure?.Data["error"] is not string)
        {
            return false;
        }

        // Only the validated code is compared, from the front of the description, as it is logged.
        var code = ProviderErrorCodes.B2CCode(context.Failure.Data["error_description"] as string);
        var http = context.HttpContext;
        if (code == ForgotPassword && options.Get(context.Scheme.Name).ResetPasswordPolicyId is { Length: > 0 } resetPolicy)
        {
            LogPasswordReset(logger);
            var properties = new AuthenticationProperties { RedirectUri = context.Properties?.RedirectUri ?? MyOrganizerAuthenticationDefaults.LandingPath };
            await http.ChallengeAsync(context.Scheme.Name, MyOrganizerUserFlows.In(properties, resetPolicy));
            return true;
        }

        if (code == Cancelled)
        {
            LogCancelled(logger);
            context.Response.Redirect($"{http.Request.PathBase}/?cancelled={Uri.EscapeDataString(context.Scheme.Name)}");
            return true;
        }

        return false;
    }

    [LoggerMessage(EventId = 1021, Level = LogLevel.Information, Message = "A person chose \"forgot password\" at MyOrganizer; starting the password-reset user flow")]
    private static partial void LogPasswordReset(ILogger logger);

    [LoggerMessage(EventId = 1022, Level = LogLevel.Information, Message = "A person cancelled the sign-in at MyOrganizer")]
    private static partial void LogCancelled(ILogger logger);
}
