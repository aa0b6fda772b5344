using System.Security.Cryptography;
using WebPortal.Providers.KlasCement;
using WebPortal.Providers.MyOrganizer;
using WebPortal.Sandbox.KlasCement;
using WebPortal.Sandbox.MyOrganizer;

namespace WebPortal.Sandbox;

/// <summary>
/// The local stand-in providers, for the Development environment only: with <c>Sandbox:Enabled</c> they are mapped
/// into the portal itself and the providers' configuration points at them, so that sign-in works without real
/// credentials. Outside Development nothing of them is registered, whatever the configuration says.
/// </summary>
public static class PortalSandboxExtensions
{
    public const string KlasCementPath = "/sandbox/klascement";

    /// <summary>The sandbox member who is an admin, so that the admin pages can be tried at once: An Peeters.</summary>
    public const string AdminMember = "KlasCement:532abc50af2c8";
    private const string SandboxClientId = "webportal-sandbox";

    public static WebApplicationBuilder AddPortalSandbox(this WebApplicationBuilder builder)
    {
        var requested = builder.Configuration.GetValue<bool>("Sandbox:Enabled");
        var status = new SandboxStatus(IsActive: requested && builder.Environment.IsDevelopment(), IgnoredOutsideDevelopment: requested && !builder.Environment.IsDevelopment());
        builder.Services.AddSingleton(status);
        if (!status.IsActive)
        {
            return builder;
        }

        var baseUrl = BaseUrl(builder.Configuration);
        var clientSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        builder.Services.AddKlasCementSandbox(options =>
        {
            options.ClientId = SandboxClientId;
            options.ClientSecret = clientSecret;
        });

        // A secret made up for this process only: the sandbox and the portal are its only holders.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{KlasCementSettings.Section}:ClientId"] = SandboxClientId,
            [$"{KlasCementSettings.Section}:ClientSecret"] = clientSecret,
            [$"{KlasCementSettings.Section}:AuthorizationEndpoint"] = $"{baseUrl}{KlasCementPath}/oauth/authorize",
            [$"{KlasCementSettings.Section}:TokenEndpoint"] = $"{baseUrl}{KlasCementPath}/oauth/token",
            [$"{KlasCementSettings.Section}:RefreshTokenEndpoint"] = $"{baseUrl}{KlasCementPath}/oauth/refreshtoken",
            [$"{KlasCementSettings.Section}:UserInformationEndpoint"] = $"{baseUrl}{KlasCementPath}/api/users",
            [$"{KlasCementSettings.Section}:RedirectUri"] = $"{baseUrl}{KlasCementAuthenticationDefaults.CallbackPath}",

            // Beside any admins the configuration names: a list binds every child, whatever its key.
            ["Portal:Admins:sandbox"] = AdminMember,
        });

        // MyOrganizer's B2C tenant and API gateway run on a loopback port of their own: OpenIddict's server needs a
        // host of its own, and B2C's paths start at the root. Its address is settled now, for the configuration; it
        // starts and stops with the portal.
        var callbacks = new[] { baseUrl, baseUrl.Replace("://localhost", "://127.0.0.1", StringComparison.Ordinal) }
            .Distinct()
            .Select(origin => $"{origin}{MyOrganizerAuthenticationDefaults.CallbackPath}");
        var myOrganizer = new MyOrganizerSandboxHost(callbacks);
        builder.Configuration.AddInMemoryCollection(MyOrganizerSandboxSettings.For(myOrganizer));
        builder.Services.AddHostedService(_ => new SandboxHostLifetime(myOrganizer));
        return builder;
    }

    public static WebApplication MapPortalSandbox(this WebApplication app)
    {
        if (app.Services.GetRequiredService<SandboxStatus>().IsActive)
        {
            app.MapKlasCementSandbox(KlasCementPath);
        }

        return app;
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

/// <summary>Starts and stops the MyOrganizer sandbox host with the portal.</summary>
internal sealed class SandboxHostLifetime(MyOrganizerSandboxHost host) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => host.StartAsync();

    public async Task StopAsync(CancellationToken cancellationToken) => await host.DisposeAsync();
}

/// <param name="IsActive">The sandbox is mapped and the providers point at it.</param>
/// <param name="IgnoredOutsideDevelopment"><c>Sandbox:Enabled</c> was set in an environment where it has no effect.</param>
public sealed record SandboxStatus(bool IsActive, bool IgnoredOutsideDevelopment);
