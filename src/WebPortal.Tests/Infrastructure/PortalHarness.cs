using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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

    public PortalSession NewSession()
    {
        var session = new PortalSession(Portal);
        _sessions.Add(session);
        return session;
    }

    public Task<List<ProviderConnection>> ConnectionsAsync() =>
        Portal.WithDatabaseAsync(db => db.Connections.AsNoTracking().ToListAsync());

    public Task<List<PortalUser>> UsersAsync() =>
        Portal.WithDatabaseAsync(db => db.Users.AsNoTracking().ToListAsync());

    /// <summary>Makes every stored access token look expired to the portal, as an hour later would, in its database and its memory.</summary>
    public async Task ExpireStoredAccessTokensAsync()
    {
        await Portal.WithDatabaseAsync(db => db.Connections.ExecuteUpdateAsync(s => s.SetProperty(c => c.AccessTokenExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-5))));
        var cache = Portal.GetRequiredService<AccessTokenCache>();
        foreach (var connection in await ConnectionsAsync())
        {
            cache.Forget(connection.UserId, connection.Provider);
        }
    }

    /// <summary>Removes every provider connection, as unlinking them all would, keeping the portal users.</summary>
    public async Task RemoveConnectionsAsync()
    {
        var connections = await ConnectionsAsync();
        await Portal.WithDatabaseAsync(db => db.Connections.ExecuteDeleteAsync());
        var cache = Portal.GetRequiredService<AccessTokenCache>();
        foreach (var connection in connections)
        {
            cache.Forget(connection.UserId, connection.Provider);
        }
    }

    /// <summary>The tokens stored for a member, decrypted the way the portal does.</summary>
    public async Task<StoredConnection> StoredConnectionAsync(string memberId)
    {
        var connection = (await ConnectionsAsync()).Single(c => c.ProviderUserId == memberId);
        await using var scope = Portal.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ProviderConnectionStore>();
        return (await store.FindAsync(connection.UserId, connection.Provider, withRefreshToken: true, CancellationToken.None))!;
    }

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
