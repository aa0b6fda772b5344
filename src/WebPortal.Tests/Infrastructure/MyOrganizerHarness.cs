using WebPortal.Data;
using WebPortal.Sandbox.Gateway;
using WebPortal.Sandbox.MyOrganizer;
using WebPortal.Tokens;

namespace WebPortal.Tests.Infrastructure;

/// <summary>MyOrganizer's B2C tenant and API gateway on a loopback port, and a portal in a test host pointed at them.</summary>
public sealed class MyOrganizerHarness : IAsyncDisposable
{
    /// <summary>The portal's callback as the test host's browser sees it.</summary>
    public const string Callback = "https://localhost/signin-myorganizer";

    public const string Provider = "MyOrganizer";

    private readonly List<PortalSession> _sessions = [];

    private MyOrganizerHarness(MyOrganizerStandIn myOrganizer, PortalFactory portal)
    {
        MyOrganizer = myOrganizer;
        Portal = portal;
    }

    public MyOrganizerStandIn MyOrganizer { get; }

    public B2CSandbox B2C => MyOrganizer.B2C;

    public GatewaySandbox Gateway => MyOrganizer.Gateway;

    public PortalFactory Portal { get; }

    /// <summary>Every secret the portal must never write out: B2C's codes and tokens, and the client and app secrets.</summary>
    public IReadOnlyList<string> Secrets => MyOrganizer.Secrets;

    public static async Task<MyOrganizerHarness> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<B2CSandboxOptions>? b2c = null,
        Action<GatewaySandboxOptions>? gateway = null,
        KlasCementStandIn? klasCement = null)
    {
        var myOrganizer = await MyOrganizerStandIn.StartAsync([Callback], b2c, gateway);
        var portalSettings = new Dictionary<string, string?>(myOrganizer.PortalSettings);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            portalSettings[key] = value;
        }

        var portal = new PortalFactory(klasCement, portalSettings);
        _ = portal.Server; // start the host now, so that start-up failures surface here
        return new MyOrganizerHarness(myOrganizer, portal);
    }

    public PortalSession NewSession()
    {
        var session = new PortalSession(Portal);
        _sessions.Add(session);
        return session;
    }

    public Task<List<ProviderConnection>> ConnectionsAsync() => Portal.ConnectionsAsync();

    public Task<List<PortalUser>> UsersAsync() => Portal.UsersAsync();

    public Task ExpireStoredAccessTokensAsync() => Portal.ExpireStoredAccessTokensAsync();

    /// <summary>The MyOrganizer tokens stored for a customer, decrypted the way the portal does.</summary>
    public Task<StoredConnection> StoredConnectionAsync(string customerId) => Portal.StoredConnectionAsync(Provider, customerId);

    public async ValueTask DisposeAsync()
    {
        foreach (var session in _sessions)
        {
            session.Dispose();
        }

        await Portal.DisposeAsync();
        await MyOrganizer.DisposeAsync();
    }
}
