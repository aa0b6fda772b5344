using Microsoft.AspNetCore.Authentication.Cookies;
using WebPortal.Authentication.ExternalSignIn;
using WebPortal.Authentication.KlasCement;
using WebPortal.Authentication.MyOrganizer;

namespace WebPortal.Authentication;

public static class AuthenticationExtensions
{
    /// <summary>The session cookie's name over plain http: the Development sandbox on http://localhost.</summary>
    public const string SessionCookieName = ".WebPortal.Session";

    /// <summary>The session cookie's name over https: <c>__Host-</c> makes the browser refuse one set by another host or over http.</summary>
    public const string SecureSessionCookieName = HostPrefixedCookieManager.Prefix + SessionCookieName;

    /// <summary>
    /// The portal session is a cookie that names the portal user; provider tokens stay in the database.
    /// Each configured provider adds its sign-in scheme; one without a client id stays off.
    /// </summary>
    public static WebApplicationBuilder AddPortalAuthentication(this WebApplicationBuilder builder)
    {
        var catalog = new ExternalProviderCatalog();
        builder.Services.AddSingleton(catalog);
        builder.Services.AddScoped<ExternalSignInService>();
        builder.Services.AddScoped<PortalOAuthEvents>();
        builder.Services.AddHttpContextAccessor();

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = SessionCookieName;
                options.CookieManager = new HostPrefixedCookieManager(new ChunkingCookieManager());
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = PortalCookies.SecurePolicy(builder.Environment);
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.LoginPath = "/";
                options.AccessDeniedPath = "/";
            })
            .AddKlasCementSignIn(builder.Configuration, catalog)
            .AddMyOrganizerSignIn(builder.Configuration, catalog);

        builder.Services.AddAntiforgery(options => PortalCookies.ForAntiforgery(options, builder.Environment));
        builder.Services.AddAuthorization();
        return builder;
    }
}
