using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;

namespace WebPortal.Localization;

/// <summary>
/// The language from the browser's <c>Accept-Language</c>, by preference: any Dutch (<c>nl</c>, <c>nl-NL</c>, <c>nl-BE</c>)
/// is the portal's Flemish Dutch and any English its English. The framework's provider would match <c>nl-NL</c> to
/// <c>nl-BE</c> only through a parent culture <c>nl</c> the portal does not offer.
/// </summary>
public sealed class BrowserLanguageProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var header = httpContext.Request.Headers.AcceptLanguage;
        if (header.Count == 0 || !StringWithQualityHeaderValue.TryParseList(header, out var languages))
        {
            return NullProviderCultureResult;
        }

        var culture = languages
            .Where(language => language.Quality is null or > 0)
            .OrderByDescending(language => language.Quality ?? 1)
            .Select(language => PortalCultures.For(language.Value.Value))
            .FirstOrDefault(found => found is not null);
        return culture is null ? NullProviderCultureResult : Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(culture.Name));
    }
}
