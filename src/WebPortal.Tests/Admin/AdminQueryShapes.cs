using WebPortal.Audit;
using WebPortal.Data;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Admin;

/// <summary>The admin pages' queries whose plans are checked, on SQLite and on PostgreSQL, and the users they are read from.</summary>
public static class AdminQueryShapes
{
    /// <summary>
    /// Broad and narrow searches and filters, on their first and a late page: the list walks the sort's index for
    /// the first, and looks the matches up and sorts them for the other (300 users, a third of them with a
    /// MyOrganizer connection that needs a reconnect).
    /// </summary>
    public static TheoryData<string, string?, string?, string?, string?, int> Lists => new()
    {
        { "the first page", null, null, null, null, 1 },
        { "the last page", null, null, null, null, 12 },
        { "sorted by name", null, null, null, "name", 1 },
        { "a late page sorted by name", null, null, null, "name", 10 },
        { "a broad search", "seeded", null, null, null, 1 },
        { "a late page of a broad search", "seeded", null, null, null, 10 },
        { "a narrow search", "seeded 00", null, null, null, 1 },
        { "a narrow search sorted by name", "seeded 00", null, null, "name", 1 },
        { "an e-mail", "SEEDED.0042@", null, null, null, 1 },
        { "an external id", "kc-0007", null, null, null, 1 },
        { "a provider", null, "MyOrganizer", null, null, 1 },
        { "a late page of a provider", null, "MyOrganizer", null, null, 8 },
        { "a provider and state", null, "MyOrganizer", "NeedsReconnect", null, 1 },
        { "a late page of a provider and state", null, "MyOrganizer", "NeedsReconnect", null, 4 },
        { "a state", null, null, "NeedsReconnect", null, 1 },
        { "a provider and state sorted by name", null, "KlasCement", "Active", "name", 1 },
        { "a search and a provider", "seeded", "KlasCement", null, null, 1 },
        { "a narrow search and a provider and state", "seeded 01", "MyOrganizer", "NeedsReconnect", null, 1 },
    };

    /// <summary>The audit log, whole and filtered.</summary>
    public static TheoryData<string, AuditLogFilter> AuditFilters => new()
    {
        { "the whole log", new AuditLogFilter() },
        { "one action", new AuditLogFilter(Action: AuditAction.SignedIn) },
        { "one user", new AuditLogFilter(UserId: Guid.NewGuid()) },
        { "one user and one action", new AuditLogFilter(Guid.NewGuid(), AuditAction.SignedIn) },
    };

    /// <summary>300 users; a third of them with a MyOrganizer connection that needs a reconnect.</summary>
    public static Task SeedAsync(PortalDbContext db) =>
        db.SeedUsersAsync(300, connections: i => i switch
        {
            _ when i % 3 == 0 => [new SeedConnection("KlasCement", $"kc-{i:D4}"), new SeedConnection("MyOrganizer", $"mo-{i:D4}", ConnectionStatus.NeedsReconnect)],
            _ when i % 3 == 1 => [new SeedConnection("KlasCement", $"kc-{i:D4}")],
            _ => [new SeedConnection("MyOrganizer", $"mo-{i:D4}")],
        });
}
