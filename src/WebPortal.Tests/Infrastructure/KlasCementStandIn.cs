using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using WebPortal.Sandbox.KlasCement;

namespace WebPortal.Tests.Infrastructure;

/// <summary>KlasCement as the portal meets it in tests: the sandbox, served over real HTTP on a loopback port.</summary>
public sealed class KlasCementStandIn : IAsyncDisposable
{
    public const string ClientId = "webportal-tests";

    private readonly WebApplication _app;

    private KlasCementStandIn(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>Made up per stand-in, so that a test can look for it in logs and pages.</summary>
    public string ClientSecret => Sandbox.Options.ClientSecret;

    public string BaseUrl { get; }

    public KlasCementSandbox Sandbox => _app.Services.GetRequiredService<KlasCementSandbox>();

    public static async Task<KlasCementStandIn> StartAsync(Action<KlasCementSandboxOptions>? configure = null)
    {
        var app = await LoopbackServer.StartAsync(
            services => services.AddKlasCementSandbox(options =>
            {
                options.ClientId = ClientId;
                options.ClientSecret = $"stand-in-secret-{Guid.NewGuid():N}";
                configure?.Invoke(options);
            }),
            app => app.MapKlasCementSandbox());
        return new KlasCementStandIn(app, app.Urls.First());
    }

    /// <summary>The portal configuration that points KlasCement at this stand-in.</summary>
    public IReadOnlyDictionary<string, string?> PortalSettings => KlasCementSandboxSettings.For(BaseUrl, ClientId, ClientSecret);

    /// <summary>Every secret the portal must never write out: issued codes and tokens, and the client secret.</summary>
    public IReadOnlyList<string> Secrets => [.. Sandbox.IssuedSecrets, ClientSecret];

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
