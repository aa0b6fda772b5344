using System.Net;
using WebPortal.Tests.Infrastructure;
using WebPortal.ViewModels.MyAccounts;

namespace WebPortal.Tests.Sessions;

/// <summary>
/// A signed-in page view in steady state reads no database (the session, the user and the connections' summaries
/// are cached), and a change to any of them shows at the next request.
/// </summary>
public sealed class SignedInPathCachingTests
{
    private const string DatabaseCommand = "Microsoft.EntityFrameworkCore.Database.Command";

    [Theory]
    [InlineData("/")]
    [InlineData("/profile")]
    public async Task A_signed_in_page_view_in_steady_state_runs_no_database_command(string path)
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInAsync();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(path)).Status);
        var before = DatabaseCommands(harness.Portal);

        for (var view = 0; view < 3; view++)
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(path)).Status);
        }

        Assert.Equal(before, DatabaseCommands(harness.Portal));
    }

    [Fact]
    public async Task The_signed_in_start_page_is_served_from_the_output_cache_and_rendered_again_after_a_change()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInAsync();

        // The first view sets the anti-forgery cookie (a response with a cookie is not kept); the second is kept.
        await browser.GetAsync("/");
        await browser.GetAsync("/");
        var rendered = ActionsRun(harness.Portal);

        var cached = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, cached.Status);
        Assert.Contains("An Peeters", cached.Text, StringComparison.Ordinal);
        Assert.Equal(rendered, ActionsRun(harness.Portal));
        Assert.Contains(harness.Portal.Logs.Entries, entry => entry.Category == OutputCache && entry.Message.Contains("from cache", StringComparison.OrdinalIgnoreCase));

        await harness.ExpireStoredAccessTokensAsync();
        await browser.GetAsync("/profile");
        var afterRefresh = ActionsRun(harness.Portal);
        await browser.GetAsync("/");

        Assert.Equal(afterRefresh + 1, ActionsRun(harness.Portal));
    }

    [Fact]
    public async Task Another_session_of_the_same_person_gets_its_own_page_never_the_first_one_s()
    {
        await using var harness = await PortalHarness.StartAsync();
        var first = harness.NewSession();
        await first.SignInAsync();
        var firstPage = await first.GetAsync("/");
        var second = harness.NewSession();
        await second.SignInAsync();

        var secondPage = await second.GetAsync("/");

        Assert.NotEqual(SignInScript.AntiforgeryToken(firstPage.Html), SignInScript.AntiforgeryToken(secondPage.Html));
    }

    [Fact]
    public async Task The_agenda_in_steady_state_runs_no_database_command()
    {
        await using var harness = await MyOrganizerHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInWithMyOrganizerAsync();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/agenda")).Status);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).Status);
        var before = DatabaseCommands(harness.Portal);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/agenda")).Status);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).Status);

        Assert.Equal(before, DatabaseCommands(harness.Portal));
    }

    [Fact]
    public async Task A_connection_disconnected_in_another_browser_shows_on_the_cached_start_page_at_once()
    {
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var harness = await MyOrganizerHarness.StartAsync(klasCement: klasCement);
        var laptop = harness.NewSession();
        await laptop.SignInAsync(Members.AnPeeters);
        await laptop.SignInWithMyOrganizerAsync(Customers.LotteMaes);
        Assert.Contains("data-testid=\"connection-MyOrganizer\" data-state=\"Active\"", (await laptop.GetAsync("/")).Html, StringComparison.Ordinal);

        await laptop.PostFormAsync(MyAccountsPaths.Disconnect("MyOrganizer"), tokenFrom: MyAccountsPaths.Index);

        Assert.Contains("data-testid=\"connection-MyOrganizer\" data-state=\"NotConnected\"", (await laptop.GetAsync("/")).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_role_granted_by_another_admin_shows_at_the_next_request()
    {
        await using var harness = await PortalHarness.StartAsync(new Dictionary<string, string?> { ["Portal:Admins:0"] = $"KlasCement:{Members.AnPeeters}" });
        var admin = harness.NewSession();
        await admin.SignInAsync(Members.AnPeeters);
        var jan = harness.NewSession();
        await jan.SignInAsync(Members.JanJanssens);
        Assert.DoesNotContain("href=\"/admin/accounts\"", (await jan.GetAsync("/")).Html, StringComparison.Ordinal);
        var janId = (await harness.UsersAsync()).Single(u => u.DisplayName == "Jan Janssens").Id;

        await admin.PostFormAsync($"/admin/accounts/{janId}/grant-admin", new Dictionary<string, string> { ["confirmed"] = "true" }, tokenFrom: $"/admin/accounts/{janId}");

        Assert.Contains("href=\"/admin/accounts\"", (await jan.GetAsync("/")).Html, StringComparison.Ordinal);
    }

    private const string OutputCache = "Microsoft.AspNetCore.OutputCaching.OutputCacheMiddleware";

    private static int ActionsRun(PortalFactory portal) =>
        portal.Logs.Entries.Count(entry => entry.Category == "Microsoft.AspNetCore.Mvc.Infrastructure.ControllerActionInvoker" && entry.Message.StartsWith("Executed action method", StringComparison.Ordinal) && entry.Message.Contains("HomeController.Index", StringComparison.Ordinal));

    private static int DatabaseCommands(PortalFactory portal) => portal.Logs.Entries.Count(entry => entry.Category == DatabaseCommand);
}
