using System.Net;
using Microsoft.EntityFrameworkCore;
using WebPortal.Data;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Data;

public sealed class PostgreSqlMigrationTests
{
    [Fact]
    public async Task The_portal_runs_on_PostgreSQL_with_the_migrations_made_for_it()
    {
        await using var harness = await PortalHarness.StartAsync();

        await harness.Portal.WithDatabaseAsync(async db =>
        {
            Assert.True(db.Database.IsNpgsql());
            Assert.IsType<PostgreSqlPortalDbContext>(db);
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.All(db.Database.GetMigrations(), id => Assert.DoesNotContain(id, SqliteMigrations()));
        });
    }

    [Fact]
    public async Task Three_instances_starting_at_once_on_a_new_database_all_start_and_it_is_migrated_once()
    {
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var database = TestDatabase.Create();
        var portals = Enumerable.Range(0, 3).Select(_ => new PortalFactory(klasCement, database: database)).ToList();
        try
        {
            // Creating a client starts the host, and the host migrates before it serves.
            var answers = await Task.WhenAll(portals.Select(portal => Task.Run(async () =>
            {
                using var client = portal.CreateClient();
                return (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode;
            })));

            Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
            await using var db = database.OpenContext();
            var applied = await db.Database.SqlQueryRaw<string>("""SELECT "MigrationId" AS "Value" FROM "__EFMigrationsHistory" """).ToListAsync();
            Assert.Equal(db.Database.GetMigrations().Order(StringComparer.Ordinal), applied.Order(StringComparer.Ordinal));
        }
        finally
        {
            foreach (var portal in portals)
            {
                await portal.DisposeAsync();
            }
        }
    }

    private static List<string> SqliteMigrations()
    {
        using var sqlite = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite("Data Source=:memory:").Options);
        return [.. sqlite.Database.GetMigrations()];
    }
}
