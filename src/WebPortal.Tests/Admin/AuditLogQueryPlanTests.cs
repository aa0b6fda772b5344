using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using WebPortal.Audit;
using WebPortal.Data;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Admin;

/// <summary>The audit log's pages as SQLite plans them: each filter is read through an index, never by a scan.</summary>
public sealed class AuditLogQueryPlanTests
{
    [Theory]
    [MemberData(nameof(AdminQueryShapes.AuditFilters), MemberType = typeof(AdminQueryShapes))]
    public async Task Every_page_of_the_log_is_read_by_an_index(string because, AuditLogFilter filter)
    {
        await using var harness = await PortalHarness.StartAsync();

        var plan = await harness.Portal.WithDatabaseAsync(db =>
            QueryPlanAsync(db, new AuditLogReader(db).Query(filter).Skip(1000).Take(AuditLogReader.PageSize + 1).ToQueryString()));

        Assert.True(
            filter == new AuditLogFilter()
                ? plan.All(step => !step.Contains("TEMP B-TREE", StringComparison.Ordinal))
                : plan.All(step => !step.StartsWith("SCAN ", StringComparison.Ordinal)),
            $"{because}:\n{string.Join('\n', plan)}");
        if (filter.UserId is not null)
        {
            Assert.Contains(plan, step => step.Contains("USING INDEX IX_AuditEntries_SubjectUserId_Id", StringComparison.Ordinal));
            Assert.Contains(plan, step => step.Contains("USING INDEX IX_AuditEntries_ActorUserId_Id", StringComparison.Ordinal));
        }
        else if (filter.Action is not null)
        {
            Assert.Contains(plan, step => step.Contains("USING INDEX IX_AuditEntries_Action_Id", StringComparison.Ordinal));
        }
    }

    /// <summary>SQLite's plan for the query EF Core wrote, with its parameters (<c>.param set</c> lines) bound.</summary>
    private static async Task<List<string>> QueryPlanAsync(PortalDbContext db, string queryString)
    {
        var lines = queryString.Split('\n');
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + string.Join('\n', lines.Where(line => !line.StartsWith(".param set", StringComparison.Ordinal)));
        foreach (var line in lines.Where(line => line.StartsWith(".param set", StringComparison.Ordinal)))
        {
            var parts = line.Split(' ', 4);
            command.Parameters.AddWithValue(parts[2], parts[3].Trim().Trim('\''));
        }

        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }

        return plan;
    }
}
