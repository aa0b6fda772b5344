using Microsoft.EntityFrameworkCore;
using Npgsql;
using WebPortal.Areas.Admin.Accounts;
using WebPortal.Audit;
using WebPortal.Data;
using WebPortal.Tests.Infrastructure;
using Xunit.Abstractions;

namespace WebPortal.Tests.Admin;

/// <summary>
/// The admin pages' queries as PostgreSQL plans them. With 300 users a sequential scan is what the planner would
/// pick anyway, so it is switched off (<c>enable_seqscan</c>): a plan that still reads a table sequentially has no
/// index to lead it. The benchmark reads the plans at 100,000 users, where the planner chooses freely.
/// </summary>
public sealed class PostgreSqlQueryPlanTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.Create();
    private readonly SqlCommandRecorder _recorder = new();

    [Theory]
    [MemberData(nameof(AdminQueryShapes.Lists), MemberType = typeof(AdminQueryShapes))]
    public async Task Every_query_of_the_account_list_is_led_by_an_index(string list, string? q, string? provider, string? state, string? sort, int page)
    {
        await using (var db = NewContext())
        {
            var query = AccountListQuery.Parse(q, provider, state, sort, page, null, ["KlasCement", "MyOrganizer"]);
            var shown = await new AccountDirectory(db).ListAsync(query, CancellationToken.None);
            Assert.NotEmpty(shown.Accounts);
        }

        var plans = await PlansAsync();
        Assert.True(plans.Count >= 2, "The list must have counted and read a page.");
        AssertNoSequentialScan(list, plans);
    }

    [Theory]
    [MemberData(nameof(AdminQueryShapes.AuditFilters), MemberType = typeof(AdminQueryShapes))]
    public async Task Every_page_of_the_audit_log_is_read_by_an_index(string filter, AuditLogFilter shape)
    {
        await using (var db = NewContext())
        {
            await new AuditLogReader(db).Query(shape).Skip(1000).Take(AuditLogReader.PageSize + 1).ToListAsync();
        }

        AssertNoSequentialScan(filter, await PlansAsync());
    }

    public async Task InitializeAsync()
    {
        await using var db = _database.OpenContext();
        await db.Database.MigrateAsync();
        await AdminQueryShapes.SeedAsync(db);
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private void AssertNoSequentialScan(string because, List<(string Sql, List<string> Plan)> plans)
    {
        foreach (var (sql, plan) in plans)
        {
            var described = $"{because}:\n{sql}\n{string.Join('\n', plan)}";
            output.WriteLine(described);
            Assert.DoesNotContain(plan, step => step.Contains("Seq Scan", StringComparison.Ordinal));
        }
    }

    private PostgreSqlPortalDbContext NewContext() =>
        new(new DbContextOptionsBuilder<PostgreSqlPortalDbContext>().UseNpgsql(_database.ConnectionString).AddInterceptors(_recorder).Options);

    private async Task<List<(string Sql, List<string> Plan)>> PlansAsync()
    {
        var plans = new List<(string, List<string>)>();
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using (var noSequentialScans = new NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            await noSequentialScans.ExecuteNonQueryAsync();
        }

        foreach (var recorded in _recorder.Commands.Where(c => c.Sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)))
        {
            await using var command = new NpgsqlCommand($"EXPLAIN {recorded.Sql}", connection);
            foreach (var (name, value) in recorded.Parameters)
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            var plan = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }

            plans.Add((recorded.Sql, plan));
        }

        return plans;
    }
}
