using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using WebPortal.Authentication;
using WebPortal.Authentication.ExternalSignIn;
using WebPortal.ViewModels.Account;

namespace WebPortal.Controllers;

[Route("account")]
public sealed class AccountController(ExternalProviderCatalog providers) : Controller
{
    /// <summary>Starts a sign-in (or a reconnect, or linking another account) with a provider. A POST, so that no other site can start one.</summary>
    [HttpPost("signin/{provider}")]
    public IActionResult SignIn(string provider, string? returnUrl)
    {
        if (providers.Find(provider) is not { IsEnabled: true } external)
        {
            return NotFound();
        }

        var properties = new AuthenticationProperties { RedirectUri = Url.IsLocalUrl(returnUrl) ? returnUrl : external.LandingPath };
        return Challenge(properties, external.Scheme);
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
}
