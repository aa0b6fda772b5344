#if SANDBOX
namespace WebPortal.Sandbox;

/// <summary>
/// Applies every stand-in of the sandbox project (<see cref="ISandboxModule"/>) to the portal, naming none: their
/// configuration goes on top of the portal's, their services into it, their endpoints into its routes, and any host
/// of their own starts and stops with it. Compiled into a Debug build only.
/// </summary>
internal static class SandboxModuleWiring
{
    public static void Apply(WebApplicationBuilder builder)
    {
        var context = new SandboxContext(BaseUrl(builder.Configuration), builder.Services);
        var modules = SandboxModules.Create();
        foreach (var module in modules)
        {
            builder.Configuration.AddInMemoryCollection(module.Register(context));
        }

        builder.Services.AddSingleton(new AppliedSandboxModules(modules));
        builder.Services.AddHostedService<SandboxModulesLifetime>();
    }

    public static void Map(WebApplication app)
    {
        foreach (var module in app.Services.GetRequiredService<AppliedSandboxModules>().Modules)
        {
            module.Map(app);
        }
    }

    /// <summary>
    /// Where the portal, and so its sandbox, listens: <c>Sandbox:BaseUrl</c>, else the first of <c>urls</c>
    /// (set by the launch profile or <c>--urls</c>), else the documented default.
    /// </summary>
    private static string BaseUrl(IConfiguration configuration)
    {
        if (configuration["Sandbox:BaseUrl"] is { Length: > 0 } configured)
        {
            return configured.TrimEnd('/');
        }

        var first = configuration["urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (first is not null
            && Uri.TryCreate(first.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            && uri.Port != 0)
        {
            var host = uri.Host is "0.0.0.0" or "[::]" ? "localhost" : uri.Host;
            return $"{uri.Scheme}://{host}:{uri.Port}";
        }

        return "http://localhost:5080";
    }
}

/// <summary>The stand-ins applied to this portal.</summary>
internal sealed record AppliedSandboxModules(IReadOnlyList<ISandboxModule> Modules);

/// <summary>Starts the stand-ins' own hosts with the portal and stops them with it.</summary>
internal sealed class SandboxModulesLifetime(AppliedSandboxModules applied) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var module in applied.Modules)
        {
            await module.StartAsync(cancellationToken);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var module in applied.Modules.Reverse())
        {
            await module.StopAsync(cancellationToken);
        }
    }
}
#endif
