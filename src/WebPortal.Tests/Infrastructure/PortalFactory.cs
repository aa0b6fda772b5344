using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using WebPortal.Data;
using WebPortal.Sessions;
using WebPortal.Tokens;

namespace WebPortal.Tests.Infrastructure;

/// <summary>
/// The portal in a test host, on a database of its own (<see cref="TestDatabase"/>: SQLite, or PostgreSQL in
/// WebPortal.Tests.PostgreSql), configured through the same keys a deployment uses.
/// Every log event is collected in <see cref="Logs"/>; the portal's time is <see cref="Clock"/>, which tests advance.
/// </summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly string _environment;
    private readonly bool _ownsDatabase;

    public PortalFactory(
        IProviderStandIn? standIn,
        IReadOnlyDictionary<string, string?>? settings = null,
        string environment = "Testing",
        TestDatabase? database = null,
        int? kestrelPort = null)
    {
        if (kestrelPort is { } port)
        {
            // Kestrel, rather than the in-memory test server, where its limits matter (e.g. the request header size).
            UseKestrel(port);
            OnKestrel = true;
        }

        _environment = environment;
        _ownsDatabase = database is null;
        Database = database ?? TestDatabase.Create();
        _settings = new Dictionary<string, string?>(Database.PortalSettings)
        {
            ["Logs:Directory"] = "",
            ["Logs:Console"] = "false",
            ["Serilog:MinimumLevel:Default"] = "Verbose",
            ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = "Verbose",
            ["Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore"] = "Information",
            ["Serilog:MinimumLevel:Override:System.Net.Http.HttpClient"] = "Verbose",
            ["ProviderHttp:Timeout"] = "00:00:05",
            ["ProviderHttp:GetRetries"] = "1",
            ["Sandbox:Enabled"] = "false",
            // Tests sign in many times from one in-memory client; the rate limiter's own tests switch it on.
            ["RateLimiting:Enabled"] = "false",
        };

        // The stand-in's settings for the portal as the browser reaches it: the test host over https, or Kestrel's port.
        var origin = kestrelPort is { } onPort ? new Uri($"http://localhost:{onPort}") : new Uri("https://localhost");
        foreach (var (key, value) in standIn?.PortalSettingsFor(origin) ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        // A null value leaves the key unset, so that the portal's own default applies.
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                _settings.Remove(key);
            }
            else
            {
                _settings[key] = value;
            }
        }
    }

    /// <summary>The portal's database; the factory drops it when disposed, unless the test passed it in.</summary>
    public TestDatabase Database { get; }

    /// <summary>Whether the portal listens on a real loopback port rather than in the in-memory test server.</summary>
    public bool OnKestrel { get; }

    public PortalLogs Logs { get; } = new();

    /// <summary>The portal's time: advance it to age tokens, sessions and cache entries.</summary>
    public PortalClock Clock { get; } = new();

    public async Task<T> WithDatabaseAsync<T>(Func<PortalDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    public Task WithDatabaseAsync(Func<PortalDbContext, Task> action) =>
        WithDatabaseAsync(async db =>
        {
            await action(db);
            return true;
        });

    public T GetRequiredService<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public Task<List<ProviderConnection>> ConnectionsAsync() =>
        WithDatabaseAsync(db => db.Connections.AsNoTracking().ToListAsync());

    public Task<List<PortalUser>> UsersAsync() =>
        WithDatabaseAsync(db => db.Users.AsNoTracking().ToListAsync());

    /// <summary>The session a session cookie's key finds, with the ticket the portal keeps for it; null when there is none.</summary>
    public async Task<(UserSession Row, AuthenticationTicket Ticket)?> StoredSessionAsync(string cookieValue)
    {
        var keyHash = SessionKey.Hash(cookieValue);
        var row = await WithDatabaseAsync(db => db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.KeyHash == keyHash));
        return row is null ? null : (row, TicketSerializer.Default.Deserialize(row.Ticket)!);
    }

    public Task<List<UserSession>> SessionsAsync() =>
        WithDatabaseAsync(db => db.Sessions.AsNoTracking().ToListAsync());

    /// <summary>The tokens stored for an external account, decrypted the way the portal does.</summary>
    public async Task<StoredConnection> StoredConnectionAsync(string provider, string providerUserId)
    {
        var connection = (await ConnectionsAsync()).Single(c => c.Provider == provider && c.ProviderUserId == providerUserId);
        await using var scope = Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ProviderConnectionStore>();
        return (await store.FindAsync(connection.UserId, connection.Provider, withRefreshToken: true, CancellationToken.None))!;
    }

    /// <summary>
    /// Moves the portal's clock just past the expiry of every stored access token, as waiting would: the next use of
    /// each refreshes it. The stand-ins keep the real time, and their tokens stay valid there.
    /// </summary>
    public async Task ExpireStoredAccessTokensAsync()
    {
        var latest = (await ConnectionsAsync()).Max(connection => connection.AccessTokenExpiresAt);
        var now = Clock.GetUtcNow();
        if (latest is { } expiry && expiry >= now)
        {
            Clock.Advance(expiry - now + TimeSpan.FromSeconds(1));
        }
    }

    public void ForgetCachedAccessTokens(IEnumerable<ProviderConnection> connections)
    {
        var cache = GetRequiredService<AccessTokenCache>();
        foreach (var connection in connections)
        {
            cache.Forget(connection.UserId, connection.Provider);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(Logs.Collector)));
        builder.ConfigureTestServices(services => services
            .AddSingleton<TimeProvider>(Clock)
            .Configure<MemoryCacheOptions>(options => options.Clock = Clock));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase)
        {
            await Database.DisposeAsync();
        }
    }

    public static void DeleteDatabase(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, $"{path}-wal", $"{path}-shm" })
        {
            File.Delete(file);
        }
    }
}
