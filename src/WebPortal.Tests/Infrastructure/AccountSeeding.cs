using WebPortal.Data;

namespace WebPortal.Tests.Infrastructure;

/// <summary>A connection to seed: no tokens, only what the admin pages show.</summary>
public sealed record SeedConnection(string Provider, string ProviderUserId, ConnectionStatus Status = ConnectionStatus.Active, string? Scope = null);

/// <summary>Portal users written straight into the database, for tests of the admin list that need many or odd ones.</summary>
public static class AccountSeeding
{
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Adds a user (signed in <paramref name="lastSignInAt"/>, by default at <see cref="Epoch"/>) with their connections; returns their id.</summary>
    public static async Task<Guid> SeedUserAsync(
        this PortalFactory portal,
        string displayName,
        string? email = null,
        DateTimeOffset? lastSignInAt = null,
        bool isAdmin = false,
        params SeedConnection[] connections)
    {
        var user = NewUser(displayName, email, lastSignInAt ?? Epoch, isAdmin, connections);
        await portal.WithDatabaseAsync(async db =>
        {
            db.Users.Add(user);
            await db.SaveChangesAsync();
        });
        return user.Id;
    }

    /// <summary>Adds users named <c>{prefix} 0001</c>, … signed in a minute apart (the first most recently), in one transaction.</summary>
    public static async Task<List<Guid>> SeedUsersAsync(this PortalDbContext db, int count, string prefix = "Seeded", Func<int, SeedConnection[]>? connections = null)
    {
        var users = Enumerable.Range(1, count)
            .Select(i => NewUser(
                $"{prefix} {i:D4}",
                $"{prefix.ToLowerInvariant()}.{i:D4}@example.be",
                Epoch.AddMinutes(-i),
                isAdmin: false,
                connections?.Invoke(i) ?? []))
            .ToList();
        db.Users.AddRange(users);
        await db.SaveChangesAsync();
        return [.. users.Select(u => u.Id)];
    }

    private static PortalUser NewUser(string displayName, string? email, DateTimeOffset lastSignInAt, bool isAdmin, SeedConnection[] connections)
    {
        var user = new PortalUser
        {
            Id = Guid.NewGuid(),
            DisplayName = displayName,
            Email = email,
            IsAdmin = isAdmin,
            CreatedAt = lastSignInAt.AddDays(-30),
            LastSignInAt = lastSignInAt,
        };
        foreach (var connection in connections)
        {
            user.Connections.Add(new ProviderConnection
            {
                Id = Guid.NewGuid(),
                UserId = user.Id,
                Provider = connection.Provider,
                ProviderUserId = connection.ProviderUserId,
                Status = connection.Status,
                ReconnectReason = connection.Status == ConnectionStatus.NeedsReconnect ? "invalid_grant" : null,
                Scope = connection.Scope,
                ConnectedAt = lastSignInAt.AddDays(-30),
                AccessTokenExpiresAt = connection.Status == ConnectionStatus.Active ? lastSignInAt.AddHours(1) : null,
                Version = Guid.NewGuid(),
            });
        }

        return user;
    }
}
