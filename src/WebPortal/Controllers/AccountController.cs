using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.Protocols.Configuration;
using WebPortal.Authentication;
using WebPortal.Authentication.ExternalSignIn;
using WebPortal.ViewModels.Account;

namespace WebPortal.Controllers;

[Route("account")]
public sealed partial class AccountController(ExternalProviderCatalog providers, TimeProvider time, ILogger<AccountController> logger) : Controller
{
    /// <summary>Where every sign-in start is posted; the bookkeeping of abandoned starts lives under it.</summary>
    private const string SignInStartPath = "/account/signin";

    /// <summary>Starts a sign-in (or a reconnect, or linking another account) with a provider. A POST, so that no other site can start one.</summary>
    [HttpPost("signin/{provider}")]
    public async Task<IActionResult> SignIn(string provider, string? returnUrl)
    {
        if (providers.Find(provider) is not { IsEnabled: true } external)
        {
            return NotFound();
        }

        var properties = new AuthenticationProperties { RedirectUri = Url.IsLocalUrl(returnUrl) ? returnUrl : external.LandingPath };
        try
        {
            await HttpContext.ChallengeAsync(external.Scheme, properties);
            AbandonedSignInCookies.Prune(HttpContext, external.Scheme, SignInStartPath, time);
            return new EmptyResult();
        }
        catch (InvalidOperationException exception) when (MetadataRefused(exception) is { } refusal)
        {
            LogMetadataRefused(logger, external.Scheme, HttpContext.TraceIdentifier, refusal.Message);
            return Redirect(SignInErrorPage.Path(HttpContext, external.Scheme, SignInFailureReason.UntrustedProvider));
        }
        catch (InvalidOperationException exception) when (MetadataUnavailable(exception))
        {
            // An OpenID Connect provider's metadata is read before the person is sent there.
            LogMetadataUnavailable(logger, external.Scheme, HttpContext.TraceIdentifier, exception.Message);
            return Redirect(SignInErrorPage.Path(HttpContext, external.Scheme, SignInFailureReason.ProviderUnreachable));
        }
    }

    [HttpGet("signin-error")]
    public IActionResult SignInError(string? provider, SignInFailureReason? reason, string? reference)
    {
        var external = provider is null ? null : providers.Find(provider);
        return View(new SignInErrorViewModel(external, reason ?? SignInFailureReason.Unexpected, reference));
    }

    [HttpPost("signout")]
    public async Task<IActionResult> SignOutOfPortal()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/");
    }

    /// <summary>IdentityModel's "unable to obtain configuration" (IDX20803), whatever failed underneath.</summary>
    private static bool MetadataUnavailable(InvalidOperationException exception) =>
        exception.Message.StartsWith("IDX20803", StringComparison.Ordinal);

    /// <summary>The metadata was read but refused by its configuration manager's validator (the issuer is not the configured tenant's).</summary>
    private static InvalidConfigurationException? MetadataRefused(InvalidOperationException exception) =>
        MetadataUnavailable(exception) ? exception.InnerException as InvalidConfigurationException : null;

    [LoggerMessage(EventId = 1031, Level = LogLevel.Warning, Message = "Sign-in with {Provider} was not started: its metadata was refused (reference {Reference}): {FailureMessage}")]
    private static partial void LogMetadataRefused(ILogger logger, string provider, string reference, string failureMessage);

    [LoggerMessage(EventId = 1030, Level = LogLevel.Warning, Message = "Sign-in with {Provider} could not start (reference {Reference}): {FailureMessage}")]
    private static partial void LogMetadataUnavailable(ILogger logger, string provider, string reference, string failureMessage);
}
