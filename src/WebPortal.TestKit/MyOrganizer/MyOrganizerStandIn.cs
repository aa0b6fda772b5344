using System.Globalization;
using WebPortal.Providers.MyOrganizer;
using WebPortal.Sandbox;
using WebPortal.Sandbox.Gateway;
using WebPortal.Sandbox.MyOrganizer;

namespace WebPortal.TestKit;

/// <summary>
/// MyOrganizer as the portal meets it in tests and the bench: the sandbox host (the B2C tenant and the API gateway) on
/// a loopback port of its own, with the portal's callback registered.
/// </summary>
public sealed class MyOrganizerStandIn : IProviderStandIn, IAsyncDisposable
{
    private MyOrganizerStandIn(MyOrganizerSandboxHost host) => Host = host;

    public MyOrganizerSandboxHost Host { get; }

    /// <summary>Where the host listens, without a trailing slash: the B2C instance.</summary>
    public string BaseUrl => Host.BaseUrl;

    public B2CSandbox B2C => Host.B2C;

    public GatewaySandbox Gateway => Host.Gateway;

    public B2CSandboxOptions Tenant => Host.TenantOptions;

    /// <summary>The sign-in user flow's endpoints, lower case as in its metadata.</summary>
    public Uri AuthorizationEndpoint => new($"{PolicyRoot}/oauth2/v2.0/authorize");

    public Uri TokenEndpoint => new($"{PolicyRoot}/oauth2/v2.0/token");

    /// <summary>Calls of the gateway's appointments operation that came with a valid token, so far.</summary>
    public int AppointmentsRequests => Host.Gateway.AppointmentsRequests.Count;

    /// <summary>Every secret the portal must never write out: B2C's codes and tokens, and the client and app secrets.</summary>
    public IReadOnlyList<string> Secrets => [.. B2C.IssuedSecrets, Tenant.ClientSecret, Host.GatewayOptions.AppSecret];

    /// <summary>The portal's configuration keys (<c>AzureAdB2C:*</c>, <c>MyOrganizer:Scopes</c>, <c>MyOrganizerApi:*</c>) pointing at this host.</summary>
    public IReadOnlyDictionary<string, string?> PortalSettings => MyOrganizerSandboxSettings.For(Host);

    /// <summary>The same for any portal: the callbacks B2C accepts are registered when the stand-in starts.</summary>
    public IReadOnlyDictionary<string, string?> PortalSettingsFor(Uri portal) => PortalSettings;

    private string PolicyRoot => $"{BaseUrl}/{Tenant.Domain}/{Tenant.SignUpSignInPolicy.ToLowerInvariant()}";

    /// <summary>The appointments operation for the week that starts on <paramref name="monday"/>, as the portal asks for it.</summary>
    public Uri AppointmentsUri(DateOnly monday) =>
        new($"{Host.GatewayBaseUrl}{Host.GatewayOptions.AppointmentsPath}?from={Day(monday)}&to={Day(monday.AddDays(6))}");

    /// <param name="redirectUris">The callbacks registered with the B2C app: the portal's, as its browser reaches it, and any other.</param>
    public static async Task<MyOrganizerStandIn> StartAsync(
        IEnumerable<string> redirectUris,
        Action<B2CSandboxOptions>? b2c = null,
        Action<GatewaySandboxOptions>? gateway = null) =>
        new(await MyOrganizerSandboxHost.StartAsync(redirectUris, b2c, gateway));

    /// <summary>The portal's callback as a browser reaching the portal at <paramref name="portal"/> sees it.</summary>
    public static string CallbackOf(Uri portal) => new Uri(portal, MyOrganizerAuthenticationDefaults.CallbackPath).ToString();

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
