namespace WebPortal.Hosting;

/// <summary>Checks shared by the start-up validators; each failure names the configuration key.</summary>
internal static class ConfigurationChecks
{
    public static void RequireHttpUrls(string section, IEnumerable<(string Key, string Value)> urls, List<string> failures)
    {
        foreach (var (key, value) in urls)
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                failures.Add($"{section}:{key} must be an absolute http(s) URL.");
            }
        }
    }
}
