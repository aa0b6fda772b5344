using System.Net;

namespace WebPortal.TestKit;

/// <summary>
/// A browser's cookie jar for a portal on plain http on loopback: like browsers, it treats a loopback origin as secure,
/// so that the portal's Secure cookies (in Production) are kept and sent back over http.
/// </summary>
public sealed class LoopbackCookieJar(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    // The framework's default 4 KB limit would silently drop a large authentication cookie.
    private readonly CookieContainer _cookies = new() { MaxCookieSize = 64 * 1024 };

    /// <summary>A jar on the wire, following no redirect by itself.</summary>
    public LoopbackCookieJar()
        : this(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var origin = AsSecure(request.RequestUri!);
        var header = _cookies.GetCookieHeader(origin);
        if (header.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Cookie", header);
        }

        var response = await base.SendAsync(request, cancellationToken);
        foreach (var setCookie in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            _cookies.SetCookies(origin, setCookie);
        }

        return response;
    }

    /// <summary>The cookies the jar holds for <paramref name="app"/> whose names start with <paramref name="prefix"/>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> CookiesOf(Uri app, string prefix) =>
        [.. _cookies.GetCookies(AsSecure(app)).Where(cookie => cookie.Name.StartsWith(prefix, StringComparison.Ordinal)).Select(cookie => new KeyValuePair<string, string>(cookie.Name, cookie.Value))];

    private static Uri AsSecure(Uri uri) =>
        uri.IsLoopback && uri.Scheme == Uri.UriSchemeHttp ? new UriBuilder(uri) { Scheme = Uri.UriSchemeHttps, Port = uri.Port }.Uri : uri;
}
