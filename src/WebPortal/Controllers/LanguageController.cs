using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using WebPortal.Authentication;
using WebPortal.Localization;

namespace WebPortal.Controllers;

/// <summary>The language switcher on every page: remembers the choice in a cookie and goes back to the page it came from.</summary>
public sealed class LanguageController(IWebHostEnvironment environment) : Controller
{
    public const string Path = "/language";

    [HttpPost(Path)]
    public IActionResult Choose(string? language, string? returnUrl)
    {
        if (PortalCultures.For(language) is { } culture)
        {
            Response.Cookies.Append(
                PortalCultures.CookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions
                {
                    MaxAge = TimeSpan.FromDays(365),
                    HttpOnly = true,
                    IsEssential = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = PortalCookies.SecurePolicy(environment) == CookieSecurePolicy.Always || Request.IsHttps,
                });
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
