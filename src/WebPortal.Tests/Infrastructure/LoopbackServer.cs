using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WebPortal.Tests.Infrastructure;

/// <summary>A stand-in provider served over real HTTP on a free loopback port.</summary>
public static class LoopbackServer
{
    public static async Task<WebApplication> StartAsync(Action<IServiceCollection> services, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");

        // Not the portal's AllowedHosts from the appsettings.json in the test folder: the stand-in is reached at its address.
        builder.Configuration["AllowedHosts"] = "127.0.0.1";
        builder.Logging.ClearProviders();
        services(builder.Services);

        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return app;
    }
}
