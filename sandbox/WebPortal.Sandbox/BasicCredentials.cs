using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace WebPortal.Sandbox;

/// <summary>How the stand-ins check a client: HTTP Basic over the raw id and secret, as both providers' notes show.</summary>
internal static class BasicCredentials
{
    public static bool Match(HttpRequest request, string id, string secret)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return false;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter)) == $"{id}:{secret}";
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
