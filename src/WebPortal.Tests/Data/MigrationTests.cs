using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using WebPortal.Data;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Data;

public sealed class MigrationTests
{
    private const string Initial = "20261123191807_Initial";

    [Theory]
    [InlineData("2026-11-23 19:18:07.1234567+00:00", 2026, 11, 23, 19, 18, 7, 1_234_567)]
    [InlineData("2026-11-23 19:18:07.5+00:00", 2026, 11, 23, 19, 18, 7, 5_000_000)]
    [InlineData("2026-11-23 19:18:07+00:00", 2026, 11, 23, 19, 18, 7, 0)]
    [InlineData("2026-12-31 23:59:59.9999999+00:00", 2026, 12, 31, 23, 59, 59, 9_999_999)]
    [InlineData("2026-11-23 21:18:07.0000001+02:00", 2026, 11, 23, 19, 18, 7, 1)]
    public async Task A_user_written_before_the_accounts_migration_reads_back_with_its_times_and_normalized_names(
        string storedAsText, int year, int month, int day, int hour, int minute, int second, int ticks)
    {
        var path = Path.Combine(Path.GetTempPath(), $"webportal-migration-{Guid.NewGuid():N}.db");
        var userId = Guid.NewGuid();
        try
        {
            await using (var db = Open(path))
            {
                await db.GetService<IMigrator>().MigrateAsync(Initial);
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "Users" ("Id", "DisplayName", "Email", "CreatedAt", "LastSignInAt")
                    VALUES ({userId.ToString("D").ToUpperInvariant()}, {" An Peeters "}, {"An.Peeters@Example.be"}, {storedAsText}, {"2026-11-24 08:00:00.25+00:00"})
                    """);
                await db.Database.MigrateAsync();
            }

            await using var migrated = Open(path);
            var user = await migrated.Users.AsNoTracking().SingleAsync();

            Assert.Empty(await migrated.Database.GetPendingMigrationsAsync());
            Assert.Equal(userId, user.Id);
            Assert.Equal(new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero).AddTicks(ticks), user.CreatedAt);
            Assert.Equal(new DateTimeOffset(2026, 11, 24, 8, 0, 0, 250, TimeSpan.Zero), user.LastSignInAt);
            Assert.Equal("AN PEETERS", user.NormalizedDisplayName);
            Assert.Equal("AN.PEETERS@EXAMPLE.BE", user.NormalizedEmail);
            Assert.False(user.IsAdmin);
            Assert.Equal(user.Id, await migrated.Users.Where(u => u.NormalizedDisplayName.StartsWith("AN P")).Select(u => u.Id).SingleAsync());
        }
        finally
        {
            PortalFactory.DeleteDatabase(path);
        }
    }

    [Fact]
    public async Task A_migrated_name_outside_ASCII_is_normalized_at_the_next_sign_in()
    {
        var path = Path.Combine(Path.GetTempPath(), $"webportal-migration-{Guid.NewGuid():N}.db");
        var userId = Guid.NewGuid().ToString("D").ToUpperInvariant();
        try
        {
            await using (var db = Open(path))
            {
                await db.GetService<IMigrator>().MigrateAsync(Initial);
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "Users" ("Id", "DisplayName", "Email", "CreatedAt", "LastSignInAt")
                    VALUES ({userId}, {"émile dubois"}, NULL, {"2026-11-23 19:18:07+00:00"}, {"2026-11-23 19:18:07+00:00"})
                    """);
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "ProviderConnections" ("Id", "UserId", "Provider", "ProviderUserId", "Status", "ConnectedAt", "Version")
                    VALUES ({Guid.NewGuid().ToString("D").ToUpperInvariant()}, {userId}, {"KlasCement"}, {Members.AnPeeters}, {"NeedsReconnect"}, {"2026-11-23 19:18:07+00:00"}, {Guid.NewGuid().ToString("D").ToUpperInvariant()})
                    """);
                await db.Database.MigrateAsync();
                Assert.Equal("éMILE DUBOIS", await db.Users.Select(u => u.NormalizedDisplayName).SingleAsync());
            }

            await using var klasCement = await KlasCementStandIn.StartAsync();
            await using var portal = new PortalFactory(klasCement, database: TestDatabase.SqliteFile(path));
            using var browser = new PortalSession(portal);
            await browser.SignInAsync(Members.AnPeeters);

            var user = Assert.Single(await portal.UsersAsync());
            Assert.Equal(("émile dubois", "ÉMILE DUBOIS"), (user.DisplayName, user.NormalizedDisplayName));
        }
        finally
        {
            PortalFactory.DeleteDatabase(path);
        }
    }

    private static PortalDbContext Open(string path) =>
        new(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite(new SqliteConnectionStringBuilder { DataSource = path }.ToString()).Options);
}
