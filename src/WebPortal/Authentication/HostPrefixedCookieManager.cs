using Microsoft.AspNetCore.Authentication.Cookies;

namespace WebPortal.Authentication;

/// <summary>
/// Gives the session cookie the <c>__Host-</c> prefix when the request came over https: the browser then keeps only
/// a cookie that this host set over https, Secure, with Path=/ and no Domain, so that a sibling subdomain or a
/// plain-http page cannot plant a session (session fixation) or overwrite one. Browsers refuse the prefix over plain
/// http, so there (the Development sandbox on http://localhost) the cookie keeps its plain name.
/// </summary>
internal sealed class HostPrefixedCookieManager(ICookieManager inner) : ICookieManager
{
    public const string Prefix = "__Host-";

    public string? GetRequestCookie(HttpContext context, string key) => inner.GetRequestCookie(context, Name(context, key));

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options) =>
        inner.AppendResponseCookie(context, Name(context, key), value, options);

    public void DeleteCookie(HttpContext context, string key, CookieOptions options) => inner.DeleteCookie(context, Name(context, key), options);

    // Path=/ is one of the prefix's conditions: a portal hosted under a path base keeps the plain name.
    private static string Name(HttpContext context, string key) =>
        context.Request.IsHttps && !context.Request.PathBase.HasValue ? Prefix + key : key;
}
