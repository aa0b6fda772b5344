using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using WebPortal.Audit;
using WebPortal.Data;

namespace WebPortal.Tokens;

/// <summary>Reads and writes provider connections; the only code that encrypts or decrypts stored tokens.</summary>
public sealed partial class ProviderConnectionStore(
    PortalDbContext db,
    TokenProtector protector,
    AuditLog audit,
    UserCache userCache,
    TimeProvider time,
    ILogger<ProviderConnectionStore> logger)
{
    /// <param name="withRefreshToken">Decrypts the refresh token too; only a refresh needs it.</param>
    public async Task<StoredConnection?> FindAsync(Guid userId, string provider, bool withRefreshToken, CancellationToken cancellationToken)
    {
        var connection = await db.Connections.AsNoTracking()
            .SingleOrDefaultAsync(c => c.UserId == userId && c.Provider == provider, cancellationToken);
        return connection is null ? null : Decrypt(connection, withRefreshToken);
    }

    /// <summary>The connections of a person, without their tokens, through <see cref="UserCache"/>.</summary>
    public async Task<IReadOnlyList<ConnectionSummary>> ListAsync(Guid userId, CancellationToken cancellationToken) =>
        (await userCache.GetOrReadAsync("connections", userId, (db, userId), static async (state, token) => await ReadSummaries(state.db, state.userId, token), cancellationToken)).Connections;

    private static async Task<UserConnectionSummaries> ReadSummaries(PortalDbContext db, Guid userId, CancellationToken cancellationToken) =>
        new(await db.Connections.AsNoTracking()
            .Where(c => c.UserId == userId)
            .OrderBy(c => c.Provider)
            .Select(c => new ConnectionSummary(c.Provider, c.Status, c.ConnectedAt, c.LastRefreshedAt, c.AccessTokenExpiresAt))
            .ToListAsync(cancellationToken));

    /// <summary>Writes fresh tokens onto a tracked connection and marks it active; the caller saves.</summary>
    public void ApplyTokens(ProviderConnection connection, ProviderTokens tokens)
    {
        connection.ProtectedAccessToken = protector.Protect(connection.Provider, TokenKind.AccessToken, tokens.AccessToken);
        if (tokens.RefreshToken is not null)
        {
            connection.ProtectedRefreshToken = protector.Protect(connection.Provider, TokenKind.RefreshToken, tokens.RefreshToken);
        }

        connection.AccessTokenExpiresAt = tokens.ExpiresAt;
        connection.Scope = tokens.Scope ?? connection.Scope;
        connection.Status = ConnectionStatus.Active;
        connection.ReconnectReason = null;
        connection.Version = Guid.NewGuid();
    }

    /// <summary>
    /// Stores the answer of a refresh in one statement, access and refresh token together, but only if nobody
    /// changed the connection since <paramref name="current"/> was read. Returns false when somebody did.
    /// </summary>
    public async Task<bool> SaveRefreshedAsync(StoredConnection current, ProviderTokens tokens, CancellationToken cancellationToken)
    {
        var protectedAccessToken = protector.Protect(current.Provider, TokenKind.AccessToken, tokens.AccessToken);
        var protectedRefreshToken = tokens.RefreshToken is null
            ? null
            : protector.Protect(current.Provider, TokenKind.RefreshToken, tokens.RefreshToken);
        var now = time.GetUtcNow();

        var updated = await db.Connections
            .Where(c => c.Id == current.Id && c.Version == current.Version)
            .ExecuteUpdateAsync(
                setters => setters
                    .SetProperty(c => c.ProtectedAccessToken, protectedAccessToken)
                    .SetProperty(c => c.ProtectedRefreshToken, c => protectedRefreshToken ?? c.ProtectedRefreshToken)
                    .SetProperty(c => c.AccessTokenExpiresAt, tokens.ExpiresAt)
                    .SetProperty(c => c.Scope, c => tokens.Scope ?? c.Scope)
                    .SetProperty(c => c.LastRefreshedAt, now)
                    .SetProperty(c => c.LastRefreshAttemptAt, now)
                    .SetProperty(c => c.LastRefreshOutcome, RefreshOutcomes.Refreshed)
                    .SetProperty(c => c.ReconnectReason, (string?)null)
                    .SetProperty(c => c.Status, ConnectionStatus.Active)
                    .SetProperty(c => c.Version, Guid.NewGuid()),
                cancellationToken);
        await userCache.ChangedAsync(current.UserId, CancellationToken.None);
        return updated == 1;
    }

    /// <summary>
    /// Marks the connection as needing a new sign-in and forgets its now useless tokens, unless it changed since
    /// <paramref name="current"/> was read (a reconnect that just stored new tokens). The rest of the account stays.
    /// The audit log records it with <paramref name="reason"/> in the same transaction.
    /// </summary>
    /// <param name="reason">Why, as a code: a validated provider error code or the portal's own (e.g. <c>no_refresh_token</c>).</param>
    /// <param name="refreshOutcome">What came of the refresh that led here, if one was tried (see <see cref="RefreshOutcomes"/>).</param>
    public async Task MarkNeedsReconnectAsync(StoredConnection current, string reason, string? refreshOutcome, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var marked = await db.Connections
            .Where(c => c.Id == current.Id && c.Version == current.Version)
            .ExecuteUpdateAsync(
                setters => setters
                    .SetProperty(c => c.Status, ConnectionStatus.NeedsReconnect)
                    .SetProperty(c => c.ReconnectReason, reason)
                    .SetProperty(c => c.LastRefreshAttemptAt, c => refreshOutcome == null ? c.LastRefreshAttemptAt : now)
                    .SetProperty(c => c.LastRefreshOutcome, c => refreshOutcome ?? c.LastRefreshOutcome)
                    .SetProperty(c => c.ProtectedAccessToken, (string?)null)
                    .SetProperty(c => c.ProtectedRefreshToken, (string?)null)
                    .SetProperty(c => c.AccessTokenExpiresAt, (DateTimeOffset?)null)
                    .SetProperty(c => c.Version, Guid.NewGuid()),
                cancellationToken);
        if (marked == 1)
        {
            var name = await db.Users.Where(u => u.Id == current.UserId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);
            audit.Add(AuditAction.ReconnectNeeded, AuditActor.Portal, new AuditActor(current.UserId, name), current.Provider, current.ProviderUserId, reason);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        await userCache.ChangedAsync(current.UserId, CancellationToken.None);
    }

    /// <summary>Notes a refresh that failed without an answer about the refresh token (the provider was unavailable); the tokens stay.</summary>
    public async Task RecordRefreshFailureAsync(StoredConnection current, string outcome, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await db.Connections
            .Where(c => c.Id == current.Id)
            .ExecuteUpdateAsync(
                setters => setters
                    .SetProperty(c => c.LastRefreshAttemptAt, now)
                    .SetProperty(c => c.LastRefreshOutcome, outcome),
                cancellationToken);
        await userCache.ChangedAsync(current.UserId, CancellationToken.None);
    }

    private StoredConnection Decrypt(ProviderConnection connection, bool withRefreshToken) => new(
        connection.Id,
        connection.UserId,
        connection.Provider,
        connection.ProviderUserId,
        Unprotect(connection, TokenKind.AccessToken, connection.ProtectedAccessToken),
        withRefreshToken ? Unprotect(connection, TokenKind.RefreshToken, connection.ProtectedRefreshToken) : null,
        connection.AccessTokenExpiresAt,
        connection.Scope,
        connection.Status,
        connection.ConnectedAt,
        connection.LastRefreshedAt,
        connection.Version);

    /// <summary>
    /// A token that cannot be decrypted (its key is gone, the database was restored elsewhere) counts as absent: the
    /// connection then asks for a reconnect instead of failing every page.
    /// </summary>
    private string? Unprotect(ProviderConnection connection, TokenKind kind, string? protectedToken)
    {
        if (protectedToken is null)
        {
            return null;
        }

        try
        {
            return protector.Unprotect(connection.Provider, kind, protectedToken);
        }
        catch (CryptographicException)
        {
            LogUnreadableToken(logger, kind, connection.Provider, connection.UserId);
            return null;
        }
    }

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "The stored {TokenKind} of the {Provider} connection of user {UserId} cannot be decrypted; it is treated as absent")]
    private static partial void LogUnreadableToken(ILogger logger, TokenKind tokenKind, string provider, Guid userId);
}
