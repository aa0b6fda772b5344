namespace WebPortal.TestKit;

/// <summary>
/// A PostgreSQL cluster that one caller has to itself: it can be stopped, as a crash would stop it, and started
/// again on the same port with the same data, as an outage would end.
/// </summary>
public sealed class DedicatedPostgreSqlServer : IAsyncDisposable
{
    private readonly PostgreSqlServer.OwnCluster _cluster;
    private int _disposed;

    internal DedicatedPostgreSqlServer(PostgreSqlServer.OwnCluster cluster, PostgreSqlServer server)
    {
        _cluster = cluster;
        Server = server;
    }

    /// <summary>The server, for its databases and their connection strings.</summary>
    public PostgreSqlServer Server { get; }

    public int Port => _cluster.Port;

    /// <summary>Stops the server at once (<c>pg_ctl stop -m immediate</c>): every client's connection drops, and the port is closed.</summary>
    public Task StopAsync() => _cluster.StopAsync();

    /// <summary>Starts the server again after <see cref="StopAsync"/>, on its port, with its data (after crash recovery).</summary>
    public Task StartAgainAsync() => _cluster.StartAgainAsync();

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _cluster.Stop();
        }

        return ValueTask.CompletedTask;
    }
}
