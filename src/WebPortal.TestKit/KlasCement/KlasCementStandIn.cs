using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using WebPortal.Providers.KlasCement;
using WebPortal.Sandbox.KlasCement;

namespace WebPortal.TestKit;

/// <summary>KlasCement as the portal meets it in tests and the bench: the sandbox, served over real HTTP on a loopback port.</summary>
public sealed class KlasCementStandIn : IProviderStandIn, IAsyncDisposable
{
    public const string ClientId = "webportal-test-kit";

    private readonly WebApplication _app;

    private KlasCementStandIn(WebApplication app)
    {
        _app = app;
        BaseUrl = app.Urls.First();
        Sandbox = app.Services.GetRequiredService<KlasCementSandbox>();
    }

    /// <summary>Where the stand-in listens, without a trailing slash.</summary>
    public string BaseUrl { get; }

    public KlasCementSandbox Sandbox { get; }

    /// <summary>Made up per stand-in, so that a test can look for it in logs and pages.</summary>
    public string ClientSecret => Sandbox.Options.ClientSecret;

    public Uri AuthorizationEndpoint => new($"{BaseUrl}/oauth/authorize");

    public Uri TokenEndpoint => new($"{BaseUrl}/oauth/token");

    public Uri RefreshTokenEndpoint => new($"{BaseUrl}/oauth/refreshtoken");

    public Uri UserInformationEndpoint => new($"{BaseUrl}/api/users");

    /// <summary>The profile API for one member, with KlasCement's token in the query, as the portal calls it.</summary>
    public Uri MemberUri(string memberId, string accessToken) => new($"{UserInformationEndpoint}/{memberId}?access_token={accessToken}");

    /// <summary>Every secret the portal must never write out: issued codes and tokens, and the client secret.</summary>
    public IReadOnlyList<string> Secrets => [.. Sandbox.IssuedSecrets, ClientSecret];

    /// <summary>
    /// The portal configuration that points KlasCement at this stand-in, with the portal's callback as the browser
    /// reaches it (<c>KlasCement:RedirectUri</c>, which every refresh sends).
    /// </summary>
    public IReadOnlyDictionary<string, string?> PortalSettingsFor(Uri portal) =>
        new Dictionary<string, string?>(KlasCementSandboxSettings.For(BaseUrl, ClientId, ClientSecret))
        {
            ["KlasCement:RedirectUri"] = new Uri(portal, KlasCementAuthenticationDefaults.CallbackPath).ToString(),
        };

    public static async Task<KlasCementStandIn> StartAsync(Action<KlasCementSandboxOptions>? configure = null) =>
        new(await LoopbackServer.StartAsync(
            services => services.AddKlasCementSandbox(options =>
            {
                options.ClientId = ClientId;
                options.ClientSecret = $"stand-in-secret-{Guid.NewGuid():N}";
                configure?.Invoke(options);
            }),
            app => app.MapKlasCementSandbox()));

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
