using Microsoft.AspNetCore.Localization;

namespace WebPortal.Localization;

public static class LocalizationExtensions
{
    /// <summary>Dutch (nl-BE) by default, English beside it: from the switcher's cookie, else the browser's <c>Accept-Language</c>.</summary>
    public static WebApplicationBuilder AddPortalLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization();
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(PortalCultures.Dutch);
            options.SupportedCultures = [.. PortalCultures.All];
            options.SupportedUICultures = [.. PortalCultures.All];
            options.RequestCultureProviders =
            [
                new CookieRequestCultureProvider { CookieName = PortalCultures.CookieName },
                new BrowserLanguageProvider(),
            ];
        });
        return builder;
    }
}
