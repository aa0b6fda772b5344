using WebPortal.Providers;

namespace WebPortal.Infrastructure.Web;

/// <summary>The browser-side protections every answer of the portal carries.</summary>
public static class SecurityHeadersExtensions
{
    /// <summary>
    /// A content security policy without inline script or style; forms may go to the portal and to the providers'
    /// sign-in pages only (a sign-in start is a form POST answered by a redirect to the provider, which
    /// <c>form-action</c> governs too). Set just before each answer starts, so error pages have it as well.
    /// </summary>
    public static WebApplication UsePortalSecurityHeaders(this WebApplication app)
    {
        var providerOrigins = SignInOrigins(app.Services).ToList();
        var policies = new HeaderPolicyCollection()
            .AddContentTypeOptionsNoSniff()
            .AddReferrerPolicyNoReferrer()
            .AddFrameOptionsDeny()
            .AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().Self();
                csp.AddBaseUri().None();
                csp.AddObjectSrc().None();
                csp.AddFrameAncestors().None();
                var formAction = csp.AddFormAction().Self();
                foreach (var origin in providerOrigins)
                {
                    formAction.From(origin);
                }
            });
        app.UseSecurityHeaders(policies);
        return app;
    }

    /// <summary>The origins of the enabled providers' authorization endpoints.</summary>
    private static IEnumerable<string> SignInOrigins(IServiceProvider services) =>
        ProviderModules.EnabledSignInAddresses(services).Select(addresses => addresses.AuthorizationOrigin).Distinct(StringComparer.OrdinalIgnoreCase);
}
