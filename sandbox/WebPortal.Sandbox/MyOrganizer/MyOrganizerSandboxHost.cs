using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebPortal.Sandbox.Gateway;

namespace WebPortal.Sandbox.MyOrganizer;

/// <summary>
/// MyOrganizer's side, served over real HTTP on a loopback port of its own: the B2C tenant at the root, as
/// <c>{instance}/{domain}/{policy}/…</c>, and the API gateway with the appointments operation under
/// <see cref="GatewayPrefix"/>. The gateway trusts the tenant's keys, fetched from its metadata like any resource
/// server. Development, the tests and the benchmark all use this host.
/// </summary>
public sealed class MyOrganizerSandboxHost : IAsyncDisposable
{
    public const string GatewayPrefix = "/gateway";

    private readonly WebApplication _app;

    private MyOrganizerSandboxHost(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>Where the host listens, without a trailing slash: the B2C instance.</summary>
    public string BaseUrl { get; }

    public B2CSandbox B2C => _app.Services.GetRequiredService<B2CSandbox>();

    public GatewaySandbox Gateway => _app.Services.GetRequiredService<GatewaySandbox>();

    public string GatewayBaseUrl => $"{BaseUrl}{GatewayPrefix}";

    /// <summary>The sign-in user flow's metadata, where a relying party starts.</summary>
    public string MetadataAddress => $"{BaseUrl}/{B2C.Options.Domain}/{B2C.Options.SignUpSignInPolicy.ToLowerInvariant()}/v2.0/.well-known/openid-configuration";

    /// <param name="redirectUris">The relying party's callback URLs, registered with the B2C app.</param>
    public static async Task<MyOrganizerSandboxHost> StartAsync(
        IEnumerable<string> redirectUris,
        Action<B2CSandboxOptions>? b2c = null,
        Action<GatewaySandboxOptions>? gateway = null)
    {
        var baseUrl = $"http://127.0.0.1:{LoopbackPort.Free()}";
        var clientSecret = NewSecret();
        var appSecret = NewSecret();
        var callbacks = redirectUris.ToList();
        void ConfigureB2C(B2CSandboxOptions options)
        {
            options.ClientSecret = clientSecret;
            options.RedirectUris.AddRange(callbacks);
            b2c?.Invoke(options);
        }

        var tenant = new B2CSandboxOptions();
        ConfigureB2C(tenant);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(baseUrl);
        builder.Logging.ClearProviders();
        builder.Services.AddB2CSandbox(baseUrl, ConfigureB2C);
        builder.Services.AddGatewaySandbox(options =>
        {
            options.AppSecret = appSecret;
            options.B2CMetadataAddress = $"{baseUrl}/{tenant.Domain}/{tenant.SignUpSignInPolicy.ToLowerInvariant()}/v2.0/.well-known/openid-configuration";
            options.ApiAudience = tenant.ApiClientId;
            options.AppointmentsScope = tenant.ApiScopes[0];
            gateway?.Invoke(options);
        });

        var app = builder.Build();
        app.UseB2CSandbox();
        app.MapGatewaySandbox(GatewayPrefix);
        await app.StartAsync();
        return new MyOrganizerSandboxHost(app, baseUrl);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static string NewSecret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
}

/// <summary>Free loopback ports, for servers whose address must be known before they start.</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
