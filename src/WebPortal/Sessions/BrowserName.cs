namespace WebPortal.Sessions;

/// <summary>
/// A browser as a person names it (Firefox, on Windows), from its User-Agent: enough to tell one's sessions apart.
/// Hand-written: the package feed has no User-Agent parser, and the portal needs only the common browsers' names.
/// </summary>
public static class BrowserName
{
    // Order matters: Edge and Opera also say Chrome, Chrome also says Safari, Android also says Linux.
    private static readonly (string Token, string Name)[] Browsers =
    [
        ("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chromium/", "Chromium"), ("Chrome/", "Chrome"), ("Safari/", "Safari"),
    ];

    private static readonly (string Token, string Name)[] Systems =
    [
        ("Windows", "Windows"), ("Android", "Android"), ("iPhone", "iOS"), ("iPad", "iPadOS"), ("CrOS", "ChromeOS"), ("Mac OS X", "macOS"), ("Linux", "Linux"),
    ];

    /// <summary>The browser's and the operating system's names, each null when the User-Agent does not say.</summary>
    public static (string? Browser, string? OperatingSystem) From(string? userAgent) =>
        (Find(Browsers, userAgent), Find(Systems, userAgent));

    private static string? Find((string Token, string Name)[] names, string? userAgent) =>
        userAgent is null ? null : names.FirstOrDefault(name => userAgent.Contains(name.Token, StringComparison.Ordinal)).Name;
}
