using System.Net;
using Microsoft.EntityFrameworkCore;
using WebPortal.Data;
using WebPortal.Sandbox.KlasCement;
using WebPortal.Tokens;

namespace WebPortal.Tests.Infrastructure;

/// <summary>A KlasCement stand-in and a portal pointed at it, for one test.</summary>
public sealed class PortalHarness : IAsyncDisposable
{
    private readonly List<PortalSession> _sessions = [];

    private PortalHarness(KlasCementStandIn klasCement, PortalFactory portal)
    {
        KlasCement = klasCement;
        Portal = portal;
    }

    public KlasCementStandIn KlasCement { get; }

    public PortalFactory Portal { get; }

    public KlasCementSandbox Sandbox => KlasCement.Sandbox;

    public static async Task<PortalHarness> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<KlasCementSandboxOptions>? sandbox = null)
    {
        var klasCement = await KlasCementStandIn.StartAsync(sandbox);
        var portal = new PortalFactory(klasCement, settings);
        _ = portal.Server; // start the host now, so that start-up failures surface here
        return new PortalHarness(klasCement, portal);
    }

    /// <summary>A browser whose <c>Accept-Language</c> is <paramref name="acceptLanguage"/>, or that sends none.</summary>
    public PortalSession NewSessionAsking(string? acceptLanguage)
    {
        var browser = NewSession();
        browser.Portal.DefaultRequestHeaders.AcceptLanguage.Clear();
        if (acceptLanguage is not null)
        {
            browser.Portal.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        return browser;
    }

    /// <param name="peer">The address the portal sees this browser's requests come from; none by default.</param>
    public PortalSession NewSession(IPAddress? peer = null)
    {
        var session = new PortalSession(Portal, peer: peer);
        _sessions.Add(session);
        return session;
    }

    public Task<List<ProviderConnection>> ConnectionsAsync() => Portal.ConnectionsAsync();

    public Task<List<PortalUser>> UsersAsync() => Portal.UsersAsync();

    public Task ExpireStoredAccessTokensAsync() => Portal.ExpireStoredAccessTokensAsync();

    /// <summary>Removes every provider connection, as unlinking them all would, keeping the portal users.</summary>
    public async Task RemoveConnectionsAsync()
    {
        var connections = await ConnectionsAsync();
        await Portal.WithDatabaseAsync(db => db.Connections.ExecuteDeleteAsync());
        Portal.ForgetCachedAccessTokens(connections);
    }

    /// <summary>The KlasCement tokens stored for a member, decrypted the way the portal does.</summary>
    public Task<StoredConnection> StoredConnectionAsync(string memberId) => Portal.StoredConnectionAsync("KlasCement", memberId);

    public async ValueTask DisposeAsync()
    {
        foreach (var session in _sessions)
        {
            session.Dispose();
        }

        await Portal.DisposeAsync();
        await KlasCement.DisposeAsync();
    }
}
