using Serilog;
using Serilog.Events;

namespace WebPortal.Infrastructure;

public static class LoggingExtensions
{
    /// <summary>
    /// Serilog to the console (unless <c>Logs:Console</c> is false) and to a daily rolling file under <c>Logs:Directory</c>; levels from the <c>Serilog</c>
    /// section. Events also reach any other registered logger provider (the tests capture logs that way).
    /// </summary>
    public static WebApplicationBuilder AddPortalLogging(this WebApplicationBuilder builder)
    {
        var directory = builder.Configuration["Logs:Directory"];
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(
            (services, logging) =>
            {
                logging
                    .ReadFrom.Configuration(builder.Configuration)
                    .ReadFrom.Services(services)
                    .Enrich.FromLogContext()
                    // Hosting diagnostics log every request's full URL, query string included: a sign-in callback
                    // carries its code there. Serilog's request logging (path only) replaces them.
                    .MinimumLevel.Override("Microsoft.AspNetCore.Hosting.Diagnostics", LogEventLevel.Warning)
                    // The OpenID Connect handler's debug events quote the callback, code and all.
                    .MinimumLevel.Override("Microsoft.AspNetCore.Authentication.OpenIdConnect", LogEventLevel.Information);

                if (builder.Configuration.GetValue("Logs:Console", defaultValue: true))
                {
                    logging.WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture);
                }

                if (!string.IsNullOrWhiteSpace(directory))
                {
                    logging.WriteTo.File(
                        Path.Combine(Path.GetFullPath(directory, builder.Environment.ContentRootPath), "webportal-.log"),
                        rollingInterval: RollingInterval.Day,
                        retainedFileCountLimit: 14,
                        formatProvider: System.Globalization.CultureInfo.InvariantCulture);
                }
            },
            // Each host keeps its own logger rather than the static Log.Logger, so that hosts side by side (the
            // tests run several) never write into each other's logs.
            preserveStaticLogger: true,
            writeToProviders: true);
        CategoryCachingLoggerFactory.Decorate(builder.Services);
        return builder;
    }
}
