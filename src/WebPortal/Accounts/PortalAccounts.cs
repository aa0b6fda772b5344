using Microsoft.EntityFrameworkCore;
using WebPortal.Audit;
using WebPortal.Data;
using WebPortal.Sessions;
using WebPortal.Tokens;

namespace WebPortal.Accounts;

/// <summary>
/// The changes a person makes to their own account and an admin makes to anyone's: unlinking a provider, deleting the
/// account, granting and revoking the admin role. Each is one transaction with its audit entry, and each guards the
/// rule that the portal always keeps an admin in one conditional statement, so that two admins acting at once cannot
/// both take away the last one.
/// </summary>
public sealed partial class PortalAccounts(PortalDbContext db, AuditLog audit, AccessTokenCache accessTokens, UserCache userCache, PortalSessions sessions, ILogger<PortalAccounts> logger)
{
    /// <summary>Removes the connection and its tokens, and ends the sessions signed in with it but <paramref name="keepSession"/>.</summary>
    /// <param name="keepSignInWith">
    /// When given, the unlink is refused (<see cref="UnlinkOutcome.LastWayToSignIn"/>) unless another connection with
    /// one of these providers remains: a person disconnecting a provider keeps a way to sign in. Checked in the same
    /// transaction, so that two disconnects at once cannot both pass.
    /// </param>
    /// <param name="keepSession">The session making the change, which goes on: the person is still signed in to the portal.</param>
    public async Task<UnlinkOutcome> UnlinkAsync(Guid userId, string provider, AuditActor actor, IReadOnlyCollection<string>? keepSignInWith, Guid? keepSession, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = await db.Connections.Include(c => c.User)
            .SingleOrDefaultAsync(c => c.UserId == userId && c.Provider == provider, cancellationToken);
        if (connection is null)
        {
            return UnlinkOutcome.NotLinked;
        }

        if (keepSignInWith is not null
            && !await db.Connections.AnyAsync(c => c.UserId == userId && c.Provider != provider && keepSignInWith.Contains(c.Provider), cancellationToken))
        {
            return UnlinkOutcome.LastWayToSignIn;
        }

        db.Connections.Remove(connection);
        audit.Add(AuditAction.Unlinked, actor, AuditActor.Of(connection.User!), provider, connection.ProviderUserId);
        await db.SaveChangesAsync(cancellationToken);
        await sessions.EndSignedInWithAsync(userId, provider, keepSession, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        accessTokens.Forget(userId, provider);
        await userCache.ChangedAsync(userId, CancellationToken.None);
        LogUnlinked(logger, provider, userId, actor.UserId);
        return UnlinkOutcome.Unlinked;
    }

    /// <summary>Deletes the portal user with every connection, token and session. Refused for the last admin. Audit entries naming them stay.</summary>
    public async Task<DeleteOutcome> DeleteAsync(Guid userId, AuditActor actor, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return DeleteOutcome.NotFound;
        }

        var providers = await db.Connections.Where(c => c.UserId == userId).Select(c => c.Provider).ToListAsync(cancellationToken);
        var deleted = await db.Users
            .Where(u => u.Id == userId && (!u.IsAdmin || db.Users.Any(other => other.IsAdmin && other.Id != userId)))
            .ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            return DeleteOutcome.LastAdmin;
        }

        // Explicitly, whether or not the database enforces the foreign key's cascade.
        await db.Connections.Where(c => c.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await sessions.EndAllAsync(userId, keep: null, actor: null, cancellationToken);
        audit.Add(AuditAction.AccountDeleted, actor, AuditActor.Of(user), detail: providers.Count == 0 ? null : string.Join(",", providers));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await userCache.ChangedAsync(userId, CancellationToken.None);
        foreach (var provider in providers)
        {
            accessTokens.Forget(userId, provider);
        }

        LogDeleted(logger, userId, actor.UserId);
        return DeleteOutcome.Deleted;
    }

    /// <summary>Grants or revokes the admin role. Revoking the last admin's is refused.</summary>
    public async Task<AdminRoleOutcome> SetAdminAsync(Guid userId, bool isAdmin, AuditActor actor, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return AdminRoleOutcome.NotFound;
        }

        if (user.IsAdmin == isAdmin)
        {
            return AdminRoleOutcome.Unchanged;
        }

        var changed = isAdmin
            ? await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsAdmin, true), cancellationToken)
            : await db.Users
                .Where(u => u.Id == userId && db.Users.Any(other => other.IsAdmin && other.Id != userId))
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.IsAdmin, false), cancellationToken);
        if (changed == 0)
        {
            return AdminRoleOutcome.LastAdmin;
        }

        audit.Add(isAdmin ? AuditAction.AdminGranted : AuditAction.AdminRevoked, actor, AuditActor.Of(user));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await userCache.ChangedAsync(userId, CancellationToken.None);
        LogAdminRoleChanged(logger, userId, isAdmin, actor.UserId);
        return isAdmin ? AdminRoleOutcome.Granted : AdminRoleOutcome.Revoked;
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Unlinked the {Provider} account of portal user {UserId} (by {ActorUserId})")]
    private static partial void LogUnlinked(ILogger logger, string provider, Guid userId, Guid? actorUserId);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Deleted portal user {UserId} with their connections and tokens (by {ActorUserId})")]
    private static partial void LogDeleted(ILogger logger, Guid userId, Guid? actorUserId);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Portal user {UserId} is admin: {IsAdmin} (by {ActorUserId})")]
    private static partial void LogAdminRoleChanged(ILogger logger, Guid userId, bool isAdmin, Guid? actorUserId);
}

public enum UnlinkOutcome
{
    Unlinked,
    NotLinked,

    /// <summary>No other connection with a provider the person can sign in with would remain.</summary>
    LastWayToSignIn,
}

public enum DeleteOutcome
{
    Deleted,
    NotFound,

    /// <summary>The user is the only admin: another must be granted the role first.</summary>
    LastAdmin,
}

public enum AdminRoleOutcome
{
    Granted,
    Revoked,
    Unchanged,
    NotFound,

    /// <summary>The user is the only admin, whose role cannot be revoked.</summary>
    LastAdmin,
}
