using System.Buffers;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Net.Http.Headers;

namespace WebPortal.Authentication;

/// <summary>
/// Keeps the cookies of abandoned sign-in starts from piling up. Every start leaves a correlation cookie (and, for
/// OpenID Connect, a nonce cookie) that only its callback removes; about 85 abandoned MyOrganizer starts made the
/// callback's Cookie header pass Kestrel's 32 KB limit, so the sign-in that finally completed got 431. On each start
/// the cookies of all but the newest <see cref="Kept"/> starts with that provider are expired, so that a few tabs still
/// work; the cookies also expire by themselves after <see cref="PortalCookies.SignInLifetime"/>.
/// </summary>
/// <remarks>
/// The framework scopes those cookies to the provider's callback path, so the start request never sees them. A small
/// index cookie, scoped to the sign-in start's path, remembers their names (hand-written: the framework has no such
/// bound). Stale names in it (a start that completed) only cause a deletion of a cookie that is already gone.
/// </remarks>
public static class AbandonedSignInCookies
{
    /// <summary>How many started sign-ins per provider keep their cookies.</summary>
    public const int Kept = 3;

    /// <summary>The index cookie's name, followed by the provider's scheme name.</summary>
    public const string IndexPrefix = ".WebPortal.SignIns.";

    private const string CorrelationPrefix = ".AspNetCore.Correlation.";

    private static readonly string[] TrackedPrefixes = [CorrelationPrefix, OpenIdConnectDefaults.CookieNoncePrefix];

    /// <summary>Both prefixes are followed by base64url: the correlation id, or the protected nonce.</summary>
    private static readonly SearchValues<char> Base64Url = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>
    /// Call right after the challenge of a sign-in start: records the cookies it set and expires those of older starts.
    /// </summary>
    /// <param name="startPath">The path of the sign-in start (without the path base), which the index cookie is scoped to.</param>
    public static void Prune(HttpContext context, string scheme, PathString startPath, TimeProvider time)
    {
        var created = SetCookieHeaderValue.ParseList(context.Response.Headers.SetCookie.OfType<string>().ToList())
            .Where(cookie => cookie.Value.Length > 0 && IsTracked(cookie.Name.Value))
            .ToList();
        if (created.Count == 0)
        {
            return;
        }

        var indexName = IndexPrefix + scheme;
        var names = (context.Request.Cookies[indexName] ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries)
            .Where(IsTracked)
            .Concat(created.Select(cookie => cookie.Name.Value!))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        // Every start sets one cookie of each kind: the newest few of each kind are the newest few starts.
        var expired = TrackedPrefixes
            .SelectMany(prefix => names.Where(name => name.StartsWith(prefix, StringComparison.Ordinal)).SkipLast(Kept))
            .ToHashSet(StringComparer.Ordinal);

        // The new cookies tell the path and Secure flag a deletion must match.
        var template = created[0];
        foreach (var name in expired)
        {
            context.Response.Cookies.Delete(name, new CookieOptions
            {
                Path = template.Path.Value,
                Secure = template.Secure,
                HttpOnly = true,
                SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax,
            });
        }

        context.Response.Cookies.Append(indexName, string.Join('|', names.Where(name => !expired.Contains(name))), new CookieOptions
        {
            Path = context.Request.PathBase.Add(startPath),
            Secure = template.Secure,
            HttpOnly = true,
            SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict,
            IsEssential = true,
            Expires = time.GetUtcNow().Add(PortalCookies.SignInLifetime),
        });
    }

    private static bool IsTracked(string? name) =>
        name is not null && TrackedPrefixes.Any(prefix =>
            name.Length > prefix.Length && name.StartsWith(prefix, StringComparison.Ordinal) && !name.AsSpan(prefix.Length).ContainsAnyExcept(Base64Url));
}
