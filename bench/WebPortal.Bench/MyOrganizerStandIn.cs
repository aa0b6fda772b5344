using System.Globalization;
using WebPortal.Providers.MyOrganizer;
using WebPortal.Sandbox;
using WebPortal.Sandbox.MyOrganizer;

namespace WebPortal.Bench;

/// <summary>The MyOrganizer customers of the stand-in the bench signs in as.</summary>
internal static class Customers
{
    public const string LotteMaes = "a3f1c2d4-5b6e-4f70-8a91-b2c3d4e5f601";
    public const string LotteMaesName = "Lotte Maes";
}

/// <summary>
/// MyOrganizer's sandbox host (the B2C tenant stand-in and the API gateway) on a loopback port in the bench process,
/// where the bench can read it. It registers the portal's callback and the bench's own, issues tokens that outlive
/// the run, and answers a week's appointments in one gateway page.
/// </summary>
internal sealed class MyOrganizerStandIn : IAsyncDisposable
{
    /// <summary>Where the stand-in sends the bench's own sign-in (<see cref="MyOrganizerAccessToken"/>); nothing listens there.</summary>
    public static readonly Uri BenchRedirectUri = new("http://127.0.0.1/bench-callback");

    /// <summary>Access and identity tokens outlive the run, so that neither the portal nor the bench renews one while measuring.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(2);

    /// <summary>More than a week of the sandbox's agenda holds (at most 15), so that one agenda page is one gateway call.</summary>
    public const int ItemsPerPage = 50;

    private readonly MyOrganizerSandboxHost _host;

    private MyOrganizerStandIn(MyOrganizerSandboxHost host) => _host = host;

    public string BaseUrl => _host.BaseUrl;

    public B2CSandboxOptions Tenant => _host.TenantOptions;

    /// <summary>The sign-in user flow's endpoints, lower case as in its metadata.</summary>
    public Uri AuthorizationEndpoint => new($"{PolicyRoot}/oauth2/v2.0/authorize");

    public Uri TokenEndpoint => new($"{PolicyRoot}/oauth2/v2.0/token");

    /// <summary>Calls of the gateway's appointments operation that came with a valid token, so far.</summary>
    public int AppointmentsRequests => _host.Gateway.AppointmentsRequests.Count;

    /// <summary>The portal's configuration keys (<c>AzureAdB2C:*</c>, <c>MyOrganizer:Scopes</c>, <c>MyOrganizerApi:*</c>) pointing at this host.</summary>
    public IReadOnlyDictionary<string, string?> PortalSettings => MyOrganizerSandboxSettings.For(_host);

    private string PolicyRoot => $"{_host.BaseUrl}/{Tenant.Domain}/{Tenant.SignUpSignInPolicy.ToLowerInvariant()}";

    /// <summary>The appointments operation for the week that starts on <paramref name="monday"/>, as the portal asks for it.</summary>
    public Uri AppointmentsUri(DateOnly monday) =>
        new($"{_host.GatewayBaseUrl}{_host.GatewayOptions.AppointmentsPath}?from={Day(monday)}&to={Day(monday.AddDays(6))}");

    /// <param name="portal">The portal's base URL: its <c>/signin-myorganizer</c> callback is registered with the B2C app.</param>
    public static async Task<MyOrganizerStandIn> StartAsync(Uri portal)
    {
        var host = await MyOrganizerSandboxHost.StartAsync(
            [new Uri(portal, MyOrganizerAuthenticationDefaults.CallbackPath).ToString(), BenchRedirectUri.ToString()],
            b2c =>
            {
                b2c.AccessTokenLifetime = TokenLifetime;
                b2c.IdTokenLifetime = TokenLifetime;
            },
            gateway => gateway.ItemsPerPage = ItemsPerPage);
        return new MyOrganizerStandIn(host);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
