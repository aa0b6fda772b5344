using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WebPortal.Sandbox.KlasCement;

namespace WebPortal.Bench;

/// <summary>KlasCement's sandbox on a loopback Kestrel port in the bench process, where the bench can read and steer it.</summary>
internal sealed class KlasCementStandIn : IAsyncDisposable
{
    public const string ClientId = "webportal-bench";

    private readonly WebApplication _app;

    private KlasCementStandIn(WebApplication app)
    {
        _app = app;
        BaseUrl = new Uri(app.Urls.First());
        Sandbox = app.Services.GetRequiredService<KlasCementSandbox>();
    }

    public Uri BaseUrl { get; }

    public KlasCementSandbox Sandbox { get; }

    public string ClientSecret => Sandbox.Options.ClientSecret;

    public Uri AuthorizationEndpoint => new(BaseUrl, "/oauth/authorize");

    public Uri TokenEndpoint => new(BaseUrl, "/oauth/token");

    public Uri RefreshTokenEndpoint => new(BaseUrl, "/oauth/refreshtoken");

    public Uri UserInformationEndpoint => new(BaseUrl, "/api/users");

    public Uri MemberUri(string memberId, string accessToken) => new(BaseUrl, $"/api/users/{memberId}?access_token={accessToken}");

    public static async Task<KlasCementStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.Services.AddKlasCementSandbox(options =>
        {
            options.ClientId = ClientId;
            options.ClientSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        });

        var app = builder.Build();
        app.MapKlasCementSandbox();
        await app.StartAsync();
        return new KlasCementStandIn(app);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
