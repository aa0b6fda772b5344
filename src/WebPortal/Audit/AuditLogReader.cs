using Microsoft.EntityFrameworkCore;
using WebPortal.Data;

namespace WebPortal.Audit;

/// <summary>
/// Reads the audit log newest first, a page at a time, by the indexes the log has for it: the entry id for the whole
/// log, <c>(Action, Id)</c> for one action, <c>(SubjectUserId, Id)</c> and <c>(ActorUserId, Id)</c> for one user.
/// No count of the whole log is taken: a page reads one entry more than it shows to know whether an older page exists.
/// </summary>
public sealed class AuditLogReader(PortalDbContext db)
{
    public const int PageSize = 50;

    /// <summary>The highest page read; beyond it the offset would not fit the query.</summary>
    public const int MaxPage = int.MaxValue / PageSize;

    /// <param name="page">From 1.</param>
    public async Task<AuditLogPage> ReadAsync(AuditLogFilter filter, int page, CancellationToken cancellationToken)
    {
        page = Math.Clamp(page, 1, MaxPage);
        var entries = await Query(filter)
            .Skip((page - 1) * PageSize)
            .Take(PageSize + 1)
            .ToListAsync(cancellationToken);

        var named = entries.SelectMany(e => new[] { e.ActorUserId, e.SubjectUserId }).OfType<Guid>().Distinct().ToList();
        var existing = named.Count == 0
            ? []
            : (await db.Users.AsNoTracking().Where(u => named.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet();

        return new AuditLogPage(
            [.. entries.Take(PageSize).Select(e => new AuditLogRow(
                e,
                e.ActorUserId is { } actor && existing.Contains(actor),
                e.SubjectUserId is { } subject && existing.Contains(subject)))],
            page,
            HasOlder: entries.Count > PageSize);
    }

    /// <summary>The filtered log, newest first; public so that tests can read its query plan.</summary>
    public IQueryable<AuditEntry> Query(AuditLogFilter filter)
    {
        var entries = filter switch
        {
            // SQLite's planner, which has no statistics, would read every entry of the action by its index looking for
            // the user's; a user's own entries are the fewer. `|| ''` keeps the action's index out of the plan.
            { UserId: { } userId, Action: { } action } => db.AuditEntries.FromSql(
                $"SELECT * FROM \"AuditEntries\" WHERE (\"SubjectUserId\" = {userId} OR \"ActorUserId\" = {userId}) AND \"Action\" || '' = {action.ToString()}"),
            { UserId: { } userId } => db.AuditEntries.Where(e => e.SubjectUserId == userId || e.ActorUserId == userId),
            { Action: { } action } => db.AuditEntries.Where(e => e.Action == action),
            _ => db.AuditEntries,
        };

        return entries.AsNoTracking().OrderByDescending(e => e.Id);
    }
}

/// <param name="UserId">Entries in which this user acted or was acted on.</param>
public sealed record AuditLogFilter(Guid? UserId = null, AuditAction? Action = null);

/// <param name="Page">From 1.</param>
/// <param name="HasOlder">Whether the page after this one has entries.</param>
public sealed record AuditLogPage(IReadOnlyList<AuditLogRow> Rows, int Page, bool HasOlder);

/// <param name="ActorExists">Whether the actor's portal user still exists (a deleted one is shown as such).</param>
/// <param name="SubjectExists">Whether the subject's portal user still exists.</param>
public sealed record AuditLogRow(AuditEntry Entry, bool ActorExists, bool SubjectExists);
