using System.Globalization;

namespace WebPortal.Localization;

/// <summary>The languages the portal speaks: Dutch as Flemish teachers and Belgian practices write it, and English.</summary>
public static class PortalCultures
{
    public static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-BE");

    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    /// <summary>Dutch first: the default for a browser that names neither.</summary>
    public static readonly IReadOnlyList<CultureInfo> All = [Dutch, English];

    /// <summary>The cookie that remembers a language chosen with the switcher.</summary>
    public const string CookieName = ".WebPortal.Language";

    /// <summary>The portal's culture for a language tag (<c>nl</c>, <c>nl-NL</c>, <c>en-GB</c>, …), or null when it speaks no such language.</summary>
    public static CultureInfo? For(string? languageTag)
    {
        var language = languageTag?.Split('-', 2)[0].Trim();
        return language?.ToLowerInvariant() switch
        {
            "nl" => Dutch,
            "en" => English,
            _ => null,
        };
    }
}
