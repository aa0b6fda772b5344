using Microsoft.EntityFrameworkCore;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Data;

public sealed class PersistenceTests
{
    [Fact]
    public async Task The_database_is_created_by_migrations_that_match_the_model()
    {
        await using var harness = await PortalHarness.StartAsync();

        await harness.Portal.WithDatabaseAsync(async db =>
        {
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
            Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration.");
        });
    }

    [Fact]
    public async Task A_restart_keeps_the_session_and_the_connection()
    {
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var database = TestDatabase.Create();
        var cookies = new System.Net.CookieContainer();
        await using (var before = new PortalFactory(klasCement, database: database))
        {
            using var browser = new PortalSession(before, cookies);
            await browser.SignInAsync();
        }

        await using var after = new PortalFactory(klasCement, database: database);
        using var sameBrowser = new PortalSession(after, cookies);
        var profile = await sameBrowser.GetAsync("/profile");

        Assert.Contains("An Peeters", profile.Text, StringComparison.Ordinal);
        Assert.Contains("Signed in as", profile.Text, StringComparison.Ordinal);
        Assert.Equal(0, klasCement.Sandbox.RefreshRequests);
        Assert.Single(klasCement.Sandbox.TokenRequests);
    }
}
