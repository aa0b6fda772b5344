using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using WebPortal.Sandbox.Gateway;

namespace WebPortal.Tests.Infrastructure;

/// <summary>The MyOrganizer API gateway as the portal meets it in tests: the gateway sandbox on a loopback port.</summary>
public sealed class GatewayStandIn : IAsyncDisposable
{
    public const string AppKey = "webportal-tests-app";

    private readonly WebApplication _app;

    private GatewayStandIn(WebApplication app) => _app = app;

    public string BaseUrl => _app.Urls.First();

    public GatewaySandbox Sandbox => _app.Services.GetRequiredService<GatewaySandbox>();

    public static async Task<GatewayStandIn> StartAsync(Action<GatewaySandboxOptions>? configure = null) =>
        new(await LoopbackServer.StartAsync(
            services => services.AddGatewaySandbox(options =>
            {
                options.AppKey = AppKey;
                options.AppSecret = $"gateway-secret-{Guid.NewGuid():N}";
                configure?.Invoke(options);
            }),
            app => app.MapGatewaySandbox()));

    /// <summary>The portal configuration that points the MyOrganizer API gateway at this stand-in.</summary>
    public IReadOnlyDictionary<string, string?> PortalSettings => new Dictionary<string, string?>
    {
        ["MyOrganizerApi:BaseUrl"] = BaseUrl,
        ["MyOrganizerApi:TokenEndpoint"] = $"{BaseUrl}/authorization/token",
        ["MyOrganizerApi:AppKey"] = AppKey,
        ["MyOrganizerApi:AppSecret"] = Sandbox.Options.AppSecret,
    };

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
