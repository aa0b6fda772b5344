using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using WebPortal.Areas.Admin.Accounts;
using WebPortal.Data;
using WebPortal.Tests.Infrastructure;
using Xunit.Abstractions;

namespace WebPortal.Tests.Admin;

/// <summary>
/// The admin list's queries as SQLite plans them: each one is led by an index, so that none reads every user and
/// sorts them. SQLite plans without statistics here, as in a deployment that never ran ANALYZE, so the plans do not
/// depend on how many rows the test writes.
/// </summary>
public sealed class AccountListQueryPlanTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"webportal-plans-{Guid.NewGuid():N}.db");
    private readonly SqlCommandRecorder _recorder = new();

    [Theory]
    [MemberData(nameof(AdminQueryShapes.Lists), MemberType = typeof(AdminQueryShapes))]
    public async Task Every_query_of_the_list_is_led_by_an_index_and_none_sorts_every_user(string list, string? q, string? provider, string? state, string? sort, int page)
    {
        await using (var db = NewContext())
        {
            var shown = await new AccountDirectory(db).ListAsync(Query(q, provider, state, sort, page), CancellationToken.None);
            Assert.NotEmpty(shown.Accounts);
        }

        var plans = await PlansAsync();
        foreach (var (sql, plan) in plans)
        {
            output.WriteLine($"{list}:\n{sql}\n{string.Join('\n', plan)}\n");
        }

        Assert.True(plans.Count >= 2, "The list must have counted and read a page.");
        foreach (var (sql, plan) in plans)
        {
            // A step reading the result of a subquery (a co-routine) is no table scan.
            var subqueries = plan.Where(step => step.StartsWith("CO-ROUTINE ", StringComparison.Ordinal) || step.StartsWith("MATERIALIZE ", StringComparison.Ordinal))
                .Select(step => step.Split(' ')[1])
                .ToHashSet();
            var scans = plan.Where(step => step.StartsWith("SCAN ", StringComparison.Ordinal) && !subqueries.Contains(step.Split(' ')[1])).ToList();
            var sorted = plan.Any(step => step.Contains("USE TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal));
            var described = $"{list}:\n{sql}\n{string.Join('\n', plan)}";
            Assert.False(scans.Exists(step => !step.Contains("INDEX", StringComparison.Ordinal)), $"A table scan in {described}");
            Assert.False(scans.Count > 0 && sorted, $"Every row read and then sorted in {described}");
        }
    }

    [Theory]
    [InlineData("seeded 00", null, null)]
    [InlineData(null, "MyOrganizer", "NeedsReconnect")]
    public async Task A_first_page_walks_the_sort_index_and_a_late_page_of_few_matches_sorts_just_the_matches(string? q, string? provider, string? state)
    {
        var first = await PagePlanAsync(q, provider, state, page: 1);
        Assert.Contains("SCAN Users USING INDEX IX_Users_LastSignInAt_Id", first);
        Assert.DoesNotContain(first, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));

        var late = await PagePlanAsync(q, provider, state, page: 4);
        Assert.DoesNotContain(late, step => step.StartsWith("SCAN ", StringComparison.Ordinal));
        Assert.Contains("USE TEMP B-TREE FOR ORDER BY", late);
    }

    public async Task InitializeAsync()
    {
        await using var db = NewContext();
        await db.Database.MigrateAsync();
        await AdminQueryShapes.SeedAsync(db);
        _recorder.Commands.Clear();
    }

    public Task DisposeAsync()
    {
        PortalFactory.DeleteDatabase(_path);
        return Task.CompletedTask;
    }

    private static AccountListQuery Query(string? q, string? provider, string? state, string? sort, int page) =>
        AccountListQuery.Parse(q, provider, state, sort, page, null, ["KlasCement", "MyOrganizer"]);

    /// <summary>The plan of the query that read the page of users.</summary>
    private async Task<List<string>> PagePlanAsync(string? q, string? provider, string? state, int page)
    {
        _recorder.Commands.Clear();
        await using (var db = NewContext())
        {
            await new AccountDirectory(db).ListAsync(Query(q, provider, state, sort: null, page), CancellationToken.None);
        }

        return (await PlansAsync()).Single(p => p.Sql.Contains("ORDER BY", StringComparison.Ordinal)).Plan;
    }

    private PortalDbContext NewContext() =>
        new(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite($"Data Source={_path}").AddInterceptors(_recorder).Options);

    private async Task<List<(string Sql, List<string> Plan)>> PlansAsync()
    {
        var plans = new List<(string, List<string>)>();
        await using var connection = new SqliteConnection($"Data Source={_path}");
        await connection.OpenAsync();
        foreach (var recorded in _recorder.Commands.Where(c => c.Sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"EXPLAIN QUERY PLAN {recorded.Sql}";
            foreach (var (name, value) in recorded.Parameters)
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            var plan = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }

            plans.Add((recorded.Sql, plan));
        }

        return plans;
    }
}
