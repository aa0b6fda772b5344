using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using WebPortal.Sandbox.Gateway;

namespace WebPortal.TestKit;

/// <summary>The MyOrganizer API gateway alone, on a loopback port: for what the portal does with the gateway without B2C.</summary>
public sealed class GatewayStandIn : IProviderStandIn, IAsyncDisposable
{
    public const string AppKey = "webportal-test-kit-app";

    private readonly WebApplication _app;

    private GatewayStandIn(WebApplication app) => _app = app;

    /// <summary>Where the gateway listens, without a trailing slash.</summary>
    public string BaseUrl => _app.Urls.First();

    public GatewaySandbox Sandbox => _app.Services.GetRequiredService<GatewaySandbox>();

    /// <summary>The portal configuration that points the MyOrganizer API gateway at this stand-in.</summary>
    public IReadOnlyDictionary<string, string?> PortalSettings => new Dictionary<string, string?>
    {
        ["MyOrganizerApi:BaseUrl"] = BaseUrl,
        ["MyOrganizerApi:TokenEndpoint"] = $"{BaseUrl}/authorization/token",
        ["MyOrganizerApi:AppKey"] = AppKey,
        ["MyOrganizerApi:AppSecret"] = Sandbox.Options.AppSecret,
    };

    public IReadOnlyDictionary<string, string?> PortalSettingsFor(Uri portal) => PortalSettings;

    /// <summary>The app tokens and refresh tokens it issued, and the app secret.</summary>
    public IReadOnlyList<string> Secrets => [.. Sandbox.IssuedSecrets, Sandbox.Options.AppSecret];

    public static async Task<GatewayStandIn> StartAsync(Action<GatewaySandboxOptions>? configure = null) =>
        new(await LoopbackServer.StartAsync(
            services => services.AddGatewaySandbox(options =>
            {
                options.AppKey = AppKey;
                options.AppSecret = $"gateway-secret-{Guid.NewGuid():N}";
                configure?.Invoke(options);
            }),
            app => app.MapGatewaySandbox()));

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
