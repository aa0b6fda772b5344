using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WebPortal.Scaling;

namespace WebPortal.Sessions;

public static class SessionsExtensions
{
    /// <summary>
    /// Keeps the portal's sessions on the server: the cookie scheme <paramref name="scheme"/> stores its tickets in the
    /// database through <see cref="PortalTicketStore"/>, and ended sessions are cleaned up in the background.
    /// </summary>
    public static WebApplicationBuilder AddPortalSessions(this WebApplicationBuilder builder, string scheme)
    {
        builder.Services.AddOptions<SessionOptions>()
            .BindConfiguration(SessionOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SessionCache>();
        builder.Services.AddSingleton<ILocalCache>(services => services.GetRequiredService<SessionCache>());
        builder.Services.AddSingleton<PortalTicketStore>();
        builder.Services.AddScoped<PortalSessions>();
        builder.Services.AddSingleton<ExpiredSessionCleanup>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ExpiredSessionCleanup>());
        builder.Services.AddOptions<CookieAuthenticationOptions>(scheme)
            .Configure<PortalTicketStore>((cookie, store) => store.Apply(cookie, scheme));
        return builder;
    }
}
