using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using WebPortal.Accounts;
using WebPortal.Audit;
using WebPortal.Authentication.Admins;
using WebPortal.Authentication.ExternalSignIn;
using WebPortal.Sessions;

namespace WebPortal.Authentication;

public static class AuthenticationExtensions
{
    /// <summary>The session cookie's name over plain http: the Development sandbox on http://localhost.</summary>
    public const string SessionCookieName = ".WebPortal.Session";

    /// <summary>The session cookie's name over https: <c>__Host-</c> makes the browser refuse one set by another host or over http.</summary>
    public const string SecureSessionCookieName = HostPrefixedCookieManager.Prefix + SessionCookieName;

    /// <summary>
    /// The portal session is kept on the server (<see cref="SessionsExtensions.AddPortalSessions"/>): its cookie is a
    /// random key; provider tokens stay in the database.
    /// Each provider module adds its sign-in scheme; one without a client id stays off.
    /// </summary>
    public static WebApplicationBuilder AddPortalAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ExternalSignInService>();
        builder.Services.AddSingleton<PortalSignInCompletion>();
        builder.Services.AddScoped<PortalOAuthEvents>();
        builder.Services.AddScoped<AuditLog>();
        builder.Services.AddScoped<AuditLogReader>();
        builder.Services.AddScoped<PortalAccounts>();
        builder.Services.AddScoped<SignedInUserRecord>();
        builder.Services.AddOptions<PortalAdminsSettings>().BindConfiguration(PortalAdminsSettings.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<PortalAdminsSettings>, PortalAdminsSettingsValidator>();
        builder.Services.AddHttpContextAccessor();

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = SessionCookieName;
                options.CookieManager = new HostPrefixedCookieManager(new ChunkingCookieManager());
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = PortalCookies.SecurePolicy(builder.Environment);
                options.LoginPath = "/";
                options.Events.OnValidatePrincipal = DeletedUserSessions.ValidatePrincipalAsync;
                // The error page of a database outage does not read the session again, which would fail the page too.
                options.ForwardDefaultSelector = DatabaseOutagePageHandler.ForwardFor;
                // A signed-in person without the right gets a 403, answered by the portal's error page, not a redirect.
                options.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            })
            .AddScheme<AuthenticationSchemeOptions, DatabaseOutagePageHandler>(DatabaseOutagePageHandler.SchemeName, displayName: null, configureOptions: null);

        builder.AddPortalSessions(CookieAuthenticationDefaults.AuthenticationScheme);
        builder.Services.AddAntiforgery(options => PortalCookies.ForAntiforgery(options, builder.Environment));
        builder.Services.AddAuthorization(options => options.AddAdminPolicy());
        builder.Services.AddScoped<IAuthorizationHandler, PortalAdminHandler>();
        return builder;
    }
}
