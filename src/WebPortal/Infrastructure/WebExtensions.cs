using Microsoft.AspNetCore.Mvc.Razor;
using Serilog;
using WebPortal.Infrastructure.Web;
using WebPortal.Integrations.Http;
using WebPortal.Localization;
using WebPortal.Providers;

namespace WebPortal.Infrastructure;

public static class WebExtensions
{
    public static WebApplicationBuilder AddPortalWeb(this WebApplicationBuilder builder)
    {
        builder.AddPortalLocalization();
        builder.Services.AddControllersWithViews(options =>
                options.Filters.Add(new Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute()))
            .AddViewLocalization();
        builder.Services.Configure<RazorViewEngineOptions>(options => options.ViewLocationExpanders.Add(new ProviderViewLocations()));
        builder.Services.AddSingleton<SignedInPageCache>();
        builder.Services.AddOptions<Microsoft.AspNetCore.OutputCaching.OutputCacheOptions>()
            .Configure<SignedInPageCache>((options, policy) => options.AddPolicy(SignedInPageCache.PolicyName, policy));
        builder.Services.AddHostedService<StartupReport>();
        builder.AddPortalHosts();
        builder.AddPortalRateLimiting();
        return builder;
    }

    /// <summary>
    /// The request pipeline. Errors always end on the portal's own error page, in every environment: a stack trace
    /// is for the log, never for the browser. The host filter runs before all of it (the framework puts it first).
    /// </summary>
    public static WebApplication UsePortalWeb(this WebApplication app)
    {
        app.UsePortalForwardedHeaders();
        app.UsePortalSecurityHeaders();
        app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            options.GetLevel = RequestLogLevel;
        });
        app.UsePortalRateLimiting();
        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.UseNoStoreForDynamicAnswers();
        app.UseRouting();
        app.UseCallbackErrorReduction();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseOutputCache();
        app.MapControllerRoute(name: "default", pattern: "{controller=Home}/{action=Index}/{id?}");
        return app;
    }

    /// <summary>
    /// As Serilog's default (errors and 5xx at Error), except for a request its client gave up on: the cancellation
    /// that ends it is the client's doing, not a failure of the portal.
    /// </summary>
    private static Serilog.Events.LogEventLevel RequestLogLevel(HttpContext context, double elapsedMilliseconds, Exception? exception) =>
        context.RequestAborted.IsCancellationRequested && exception is null or OperationCanceledException ? Serilog.Events.LogEventLevel.Debug
        : exception is not null || context.Response.StatusCode >= StatusCodes.Status500InternalServerError ? Serilog.Events.LogEventLevel.Error
        : Serilog.Events.LogEventLevel.Information;
}
