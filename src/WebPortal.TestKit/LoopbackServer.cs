using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WebPortal.TestKit;

/// <summary>A stand-in (or any small app a test or the bench needs) served over real HTTP on a free loopback port, in this process.</summary>
public static class LoopbackServer
{
    public static async Task<WebApplication> StartAsync(Action<IServiceCollection> services, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");

        // Not the portal's AllowedHosts from an appsettings.json in the working folder: the app is reached at its address.
        builder.Configuration["AllowedHosts"] = "127.0.0.1";
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        services(builder.Services);

        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return app;
    }

    /// <summary>
    /// The app stops when its owner disposes it. The default console lifetime would swallow Ctrl+C and SIGTERM to stop
    /// just this app, leaving the process that hosts it (and a portal it started) running.
    /// </summary>
    private sealed class EmbeddedHostLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
