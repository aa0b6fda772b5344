using System.Net.Http.Headers;
using System.Text;

namespace WebPortal.Integrations.Http;

/// <summary>Client authentication the way KlasCement's note (<c>curl -u</c>) and the API gateway's note show it.</summary>
public static class BasicCredentials
{
    /// <summary>
    /// HTTP Basic over the raw id and secret, as <c>curl -u</c> sends it. RFC 6749 §2.3.1 would form-encode both
    /// first, which a server reading them as-is (PHP's PHP_AUTH_USER, say) would not undo.
    /// </summary>
    public static AuthenticationHeaderValue Header(string id, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{secret}")));
}
