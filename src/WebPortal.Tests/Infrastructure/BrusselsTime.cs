using WebPortal.Localization;

namespace WebPortal.Tests.Infrastructure;

/// <summary>A time as a page in English writes it, to compare with what a page shows.</summary>
public static class BrusselsTime
{
    public static string InEnglish(DateTimeOffset time) =>
        PortalTime.InBrussels(time).ToString("d MMMM yyyy HH:mm", PortalCultures.English);

    public static string InEnglishToTheSecond(DateTimeOffset time) =>
        PortalTime.InBrussels(time).ToString("d MMMM yyyy HH:mm:ss", PortalCultures.English);
}
