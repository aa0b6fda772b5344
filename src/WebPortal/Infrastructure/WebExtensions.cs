using Serilog;
using WebPortal.Integrations.Http;

namespace WebPortal.Infrastructure;

public static class WebExtensions
{
    public static WebApplicationBuilder AddPortalWeb(this WebApplicationBuilder builder)
    {
        builder.Services.AddControllersWithViews(options =>
            options.Filters.Add(new Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute()));
        builder.Services.AddHostedService<StartupReport>();
        return builder;
    }

    /// <summary>
    /// The request pipeline. Errors always end on the portal's own error page, in every environment: a stack trace
    /// is for the log, never for the browser.
    /// </summary>
    public static WebApplication UsePortalWeb(this WebApplication app)
    {
        app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseSerilogRequestLogging(options => options.Logger = app.Services.GetRequiredService<Serilog.ILogger>());
        app.UseStaticFiles();
        app.UseRouting();
        app.UseCallbackErrorReduction();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapControllerRoute(name: "default", pattern: "{controller=Home}/{action=Index}/{id?}");
        return app;
    }
}
