namespace WebPortal.Sandbox;

/// <summary>
/// The local stand-in providers, for the Development environment of a Debug build only: with <c>Sandbox:Enabled</c>
/// every stand-in of the sandbox project is applied to the portal (see <c>SandboxModuleWiring</c>), so that
/// sign-in works without real credentials. Outside Development nothing of them is registered, whatever the
/// configuration says; a Release build (<c>dotnet publish</c>, the Docker image) does not even contain them.
/// </summary>
public static class PortalSandboxExtensions
{
    /// <summary>Whether this build contains the stand-ins: only a Debug build does (the <c>SANDBOX</c> constant, see WebPortal.csproj).</summary>
#if SANDBOX
    private const bool InThisBuild = true;
#else
    private const bool InThisBuild = false;
#endif

    public static WebApplicationBuilder AddPortalSandbox(this WebApplicationBuilder builder)
    {
        var requested = builder.Configuration.GetValue<bool>("Sandbox:Enabled");
        var development = builder.Environment.IsDevelopment();
        var status = new SandboxStatus(
            IsActive: requested && development && InThisBuild,
            IgnoredOutsideDevelopment: requested && !development,
            NotInThisBuild: requested && development && !InThisBuild);
        builder.Services.AddSingleton(status);
#if SANDBOX
        if (status.IsActive)
        {
            SandboxModuleWiring.Apply(builder);
        }
#endif
        return builder;
    }

    public static WebApplication MapPortalSandbox(this WebApplication app)
    {
#if SANDBOX
        if (app.Services.GetRequiredService<SandboxStatus>().IsActive)
        {
            SandboxModuleWiring.Map(app);
        }
#endif
        return app;
    }
}

/// <param name="IsActive">The sandbox is mapped and the providers point at it.</param>
/// <param name="IgnoredOutsideDevelopment"><c>Sandbox:Enabled</c> was set in an environment where it has no effect.</param>
/// <param name="NotInThisBuild"><c>Sandbox:Enabled</c> was set in Development, but this build (Release) has no sandbox.</param>
public sealed record SandboxStatus(bool IsActive, bool IgnoredOutsideDevelopment, bool NotInThisBuild);
