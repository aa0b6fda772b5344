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

    private readonly Action<B2CSandboxOptions> _configureB2C;
    private readonly Action<GatewaySandboxOptions> _configureGateway;
    private WebApplication? _app;

    /// <summary>
    /// Settles the host's address, secrets and options without starting it: a host whose configuration another app
    /// needs first (the portal in Development) is started later, by <see cref="StartAsync()"/>.
    /// </summary>
    /// <param name="redirectUris">The relying party's callback URLs, registered with the B2C app.</param>
    public MyOrganizerSandboxHost(
        IEnumerable<string> redirectUris,
        Action<B2CSandboxOptions>? b2c = null,
        Action<GatewaySandboxOptions>? gateway = null)
    {
        BaseUrl = $"http://127.0.0.1:{LoopbackPort.Free()}";
        var clientSecret = NewSecret();
        var appSecret = NewSecret();
        var callbacks = redirectUris.ToList();
        _configureB2C = options =>
        {
            options.ClientSecret = clientSecret;
            options.RedirectUris.AddRange(callbacks);
            b2c?.Invoke(options);
        };
        TenantOptions = Configured(_configureB2C);
        _configureGateway = options =>
        {
            options.AppSecret = appSecret;
            options.B2CMetadataAddress = MetadataAddress;
            options.ApiAudience = TenantOptions.ApiClientId;
            options.AppointmentsScope = TenantOptions.ApiScopes[0];
            gateway?.Invoke(options);
        };
        GatewayOptions = Configured(_configureGateway);
    }

    /// <summary>Where the host listens, without a trailing slash: the B2C instance.</summary>
    public string BaseUrl { get; }

    /// <summary>The tenant as configured; the same values the running stand-in has.</summary>
    public B2CSandboxOptions TenantOptions { get; }

    public GatewaySandboxOptions GatewayOptions { get; }

    public B2CSandbox B2C => Services.GetRequiredService<B2CSandbox>();

    public GatewaySandbox Gateway => Services.GetRequiredService<GatewaySandbox>();

    public string GatewayBaseUrl => $"{BaseUrl}{GatewayPrefix}";

    /// <summary>The sign-in user flow's metadata, where a relying party starts.</summary>
    public string MetadataAddress => $"{BaseUrl}/{TenantOptions.Domain}/{TenantOptions.SignUpSignInPolicy.ToLowerInvariant()}/v2.0/.well-known/openid-configuration";

    private IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The MyOrganizer sandbox host has not started.");

    /// <summary>Creates a host and starts it.</summary>
    public static async Task<MyOrganizerSandboxHost> StartAsync(
        IEnumerable<string> redirectUris,
        Action<B2CSandboxOptions>? b2c = null,
        Action<GatewaySandboxOptions>? gateway = null)
    {
        var host = new MyOrganizerSandboxHost(redirectUris, b2c, gateway);
        await host.StartAsync();
        return host;
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(BaseUrl);

        // It answers at its own loopback address, whatever AllowedHosts an appsettings.json in the working folder names.
        builder.Configuration["AllowedHosts"] = new Uri(BaseUrl).Host;
        builder.Logging.ClearProviders();
        builder.Services.AddB2CSandbox(BaseUrl, _configureB2C);
        builder.Services.AddGatewaySandbox(_configureGateway);

        var app = builder.Build();
        app.UseB2CSandbox();
        app.MapGatewaySandbox(GatewayPrefix);
        await app.StartAsync();
        _app = app;

        // The first answers of OpenIddict's pipeline take seconds on a cold process; a relying party with a short
        // timeout would take the stand-in for an unreachable B2C.
        using var warmUp = new HttpClient();
        using var metadata = await warmUp.GetAsync(MetadataAddress);
        metadata.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private static T Configured<T>(Action<T> configure)
        where T : new()
    {
        var options = new T();
        configure(options);
        return options;
    }

    private static string NewSecret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
}
