using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace WebPortal.Authentication;

/// <summary>The rules every cookie the portal sets follows: the session, correlation, nonce and anti-forgery cookies.</summary>
public static class PortalCookies
{
    /// <summary>
    /// How long a started sign-in may take at the provider: the lifetime of its state, its correlation cookie and its
    /// nonce cookie. Short, so that the cookies of an abandoned start do not linger.
    /// </summary>
    public static readonly TimeSpan SignInLifetime = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Secure outside Development: a cookie never travels over plain http. Development keeps the request's scheme,
    /// because the sandbox runs on http://localhost.
    /// </summary>
    public static CookieSecurePolicy SecurePolicy(IHostEnvironment environment) =>
        environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

    /// <summary>
    /// The anti-forgery cookie is Secure outside Development too, but through its builder rather than
    /// <see cref="CookieSecurePolicy.Always"/>, with which the antiforgery system refuses every form page requested
    /// over plain http with an exception (a 500), even on http://localhost, which browsers treat as a secure origin.
    /// Over plain http elsewhere the browser drops the Secure cookie and a form post ends on the friendly 400 page.
    /// </summary>
    public static void ForAntiforgery(AntiforgeryOptions options, IHostEnvironment environment)
    {
        if (!environment.IsDevelopment())
        {
            var cookie = options.Cookie;
            options.Cookie = new SecureCookieBuilder
            {
                Name = cookie.Name,
                Path = cookie.Path,
                Domain = cookie.Domain,
                HttpOnly = cookie.HttpOnly,
                SameSite = cookie.SameSite,
                IsEssential = cookie.IsEssential,
                Expiration = cookie.Expiration,
                MaxAge = cookie.MaxAge,
            };
        }
    }

    /// <summary>The correlation cookie of a provider's sign-in: HttpOnly, Lax (the provider answers with a top-level GET), Secure as above.</summary>
    public static void ForSignIn(RemoteAuthenticationOptions options, IHostEnvironment environment)
    {
        options.RemoteAuthenticationTimeout = SignInLifetime;
        options.CorrelationCookie.HttpOnly = true;
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.CorrelationCookie.SecurePolicy = SecurePolicy(environment);
    }
}

/// <summary>Builds cookies that are Secure whatever the request's scheme.</summary>
internal sealed class SecureCookieBuilder : CookieBuilder
{
    public override CookieOptions Build(HttpContext context, DateTimeOffset expiresFrom)
    {
        var options = base.Build(context, expiresFrom);
        options.Secure = true;
        return options;
    }
}
