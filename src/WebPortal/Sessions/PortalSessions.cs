using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WebPortal.Audit;
using WebPortal.Data;

namespace WebPortal.Sessions;

/// <summary>
/// A person's active sessions, and ending them: one, all but the current one, all of them (an admin), or those signed
/// in with a provider that is being disconnected. An ended session's row is deleted and its cache entry forgotten in
/// the same call, so that its browser is refused at its very next request.
/// </summary>
public sealed partial class PortalSessions(PortalDbContext db, SessionCache cache, AuditLog audit, IOptions<SessionOptions> options, TimeProvider time, ILogger<PortalSessions> logger)
{
    /// <summary>The user's sessions that have not ended, the most recently seen first.</summary>
    public async Task<IReadOnlyList<SessionSummary>> ListAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var idleSince = now - options.Value.IdleTimeout;
        return await db.Sessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.LastSeenAt > idleSince && s.ExpiresAt > now)
            .OrderByDescending(s => s.LastSeenAt)
            .Select(s => new SessionSummary(s.Id, s.Browser, s.OperatingSystem, s.IpAddress, s.SignInProvider, s.CreatedAt, s.LastSeenAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Ends one of the user's sessions; false when it is not theirs or has already ended.</summary>
    public async Task<bool> EndAsync(Guid userId, Guid sessionId, AuditActor actor, CancellationToken cancellationToken) =>
        await EndWhereAsync(userId, s => s.Id == sessionId, actor, cancellationToken) == 1;

    /// <summary>
    /// Ends all the user's sessions but <paramref name="keep"/>, if given: "sign out everywhere else", an admin ending
    /// them all, or (without an actor, unaudited) the account being deleted.
    /// </summary>
    public Task<int> EndAllAsync(Guid userId, Guid? keep, AuditActor? actor, CancellationToken cancellationToken) =>
        EndWhereAsync(userId, s => s.Id != keep, actor, cancellationToken);

    /// <summary>
    /// Ends the user's sessions signed in with <paramref name="provider"/> but <paramref name="keep"/>: once the
    /// provider is disconnected, nothing should still hold a session that came from it. Not audited on its own: the
    /// disconnect is.
    /// </summary>
    public Task<int> EndSignedInWithAsync(Guid userId, string provider, Guid? keep, CancellationToken cancellationToken) =>
        EndWhereAsync(userId, s => s.SignInProvider == provider && s.Id != keep, actor: null, cancellationToken);

    private async Task<int> EndWhereAsync(Guid userId, Expression<Func<UserSession, bool>> which, AuditActor? actor, CancellationToken cancellationToken)
    {
        var ending = await db.Sessions.Where(s => s.UserId == userId).Where(which).Select(s => s.KeyHash).ToListAsync(cancellationToken);
        if (ending.Count == 0)
        {
            return 0;
        }

        var ended = await db.Sessions.Where(s => s.UserId == userId && ending.Contains(s.KeyHash)).ExecuteDeleteAsync(cancellationToken);
        await cache.ForgetAsync(ending, cancellationToken);
        if (actor is not null && ended > 0 && await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken) is { } user)
        {
            await audit.RecordAsync(AuditAction.SessionsEnded, actor, AuditActor.Of(user), detail: ended.ToString(CultureInfo.InvariantCulture));
        }

        LogEnded(logger, ended, userId, actor?.UserId);
        return ended;
    }

    [LoggerMessage(EventId = 5203, Level = LogLevel.Information, Message = "Ended {Count} session(s) of portal user {UserId} (by {ActorUserId})")]
    private static partial void LogEnded(ILogger logger, int count, Guid userId, Guid? actorUserId);
}

/// <summary>A session as "My sessions" shows it.</summary>
public sealed record SessionSummary(Guid Id, string? Browser, string? OperatingSystem, string? IpAddress, string SignInProvider, DateTimeOffset StartedAt, DateTimeOffset LastSeenAt);
