using System.Net;
using Microsoft.EntityFrameworkCore;
using WebPortal.Data;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Admin;

/// <summary>
/// Every admin page and every admin POST is behind the admin policy on the server: anonymous people are sent to sign
/// in, anyone else who is not an admin gets the friendly 403 page, whatever the form carries, and nothing changes.
/// </summary>
public sealed class AdminPolicyTests
{
    private static readonly Dictionary<string, string?> AnIsAdmin = new() { ["Portal:Admins:0"] = $"KlasCement:{Members.AnPeeters}" };

    private static List<string> Pages(Guid userId) =>
    [
        "/admin",
        "/admin/audit",
        "/admin/accounts",
        "/admin/accounts?q=an&provider=KlasCement&state=Active&sort=name&page=2&size=10",
        $"/admin/accounts/{userId}",
        $"/admin/accounts/{userId}/refresh?provider=KlasCement",
        $"/admin/accounts/{userId}/unlink?provider=KlasCement",
        $"/admin/accounts/{userId}/grant-admin",
        $"/admin/accounts/{userId}/revoke-admin",
        $"/admin/accounts/{userId}/delete",
    ];

    private static List<(string Path, Dictionary<string, string> Form)> Posts(Guid userId) =>
    [
        ($"/admin/accounts/{userId}/refresh", new() { ["provider"] = "KlasCement", ["confirmed"] = "true" }),
        ($"/admin/accounts/{userId}/unlink", new() { ["provider"] = "KlasCement", ["confirmed"] = "true" }),
        ($"/admin/accounts/{userId}/grant-admin", new() { ["confirmed"] = "true" }),
        ($"/admin/accounts/{userId}/revoke-admin", new() { ["confirmed"] = "true" }),
        ($"/admin/accounts/{userId}/delete", new() { ["confirmed"] = "true" }),
    ];

    [Fact]
    public async Task Anonymous_people_are_sent_to_sign_in_from_every_admin_page_and_post()
    {
        await using var harness = await PortalHarness.StartAsync(AnIsAdmin);
        await harness.NewSession().SignInAsync(Members.AnPeeters);
        var an = Assert.Single(await harness.UsersAsync());
        var anonymous = harness.NewSession();

        foreach (var path in Pages(an.Id))
        {
            using var response = await anonymous.Portal.GetAsync(path);
            AssertSentToSignIn(response, path);
        }

        foreach (var (path, form) in Posts(an.Id))
        {
            foreach (var antiforgery in new[] { true, false })
            {
                var answer = await anonymous.PostFormAsync(path, form, antiforgery);
                Assert.True(answer.Status == HttpStatusCode.Found, $"POST {path} (token: {antiforgery}) answered {(int)answer.Status}");
                Assert.Equal("/", answer.Location!.AbsolutePath);
                Assert.Contains("ReturnUrl=", answer.Location.Query, StringComparison.Ordinal);
            }
        }

        await AssertUnchangedAsync(harness, an.Id, expectedUsers: 1);
    }

    [Fact]
    public async Task A_signed_in_person_who_is_not_an_admin_gets_the_403_page_for_every_admin_page_and_post_and_nothing_changes()
    {
        await using var harness = await PortalHarness.StartAsync(AnIsAdmin);
        await harness.NewSession().SignInAsync(Members.AnPeeters);
        var jan = harness.NewSession();
        await jan.SignInAsync(Members.JanJanssens);
        var users = await harness.UsersAsync();
        var an = users.Single(u => u.DisplayName == "An Peeters");
        var janId = users.Single(u => u.DisplayName == "Jan Janssens").Id;

        foreach (var path in Pages(an.Id).Concat(Pages(janId)))
        {
            var page = await jan.GetAsync(path);
            AssertFriendly403(page, $"GET {path}");
        }

        foreach (var (path, form) in Posts(an.Id).Concat(Posts(janId)))
        {
            foreach (var antiforgery in new[] { true, false })
            {
                AssertFriendly403(await jan.PostFormAsync(path, form, antiforgery), $"POST {path} (token: {antiforgery})");
            }
        }

        await AssertUnchangedAsync(harness, an.Id, expectedUsers: 2);
        Assert.False((await harness.UsersAsync()).Single(u => u.Id == janId).IsAdmin);
        Assert.Equal(0, harness.Sandbox.RefreshRequests);
    }

    [Fact]
    public async Task An_admin_post_without_an_anti_forgery_token_is_refused_with_400_and_changes_nothing()
    {
        await using var harness = await PortalHarness.StartAsync(AnIsAdmin);
        var an = harness.NewSession();
        await an.SignInAsync(Members.AnPeeters);
        await harness.NewSession().SignInAsync(Members.JanJanssens);
        var users = await harness.UsersAsync();
        var anId = users.Single(u => u.DisplayName == "An Peeters").Id;
        var janId = users.Single(u => u.DisplayName == "Jan Janssens").Id;

        foreach (var (path, form) in Posts(janId).Concat(Posts(anId)))
        {
            var answer = await an.PostFormAsync(path, form, antiforgery: false);
            Assert.True(answer.Status == HttpStatusCode.BadRequest, $"POST {path} without a token answered {(int)answer.Status}");
            Assert.Contains("That request could not be handled", answer.Html, StringComparison.Ordinal);
        }

        Assert.Equal(2, (await harness.UsersAsync()).Count);
        Assert.Equal(2, (await harness.ConnectionsAsync()).Count);
        Assert.False((await harness.UsersAsync()).Single(u => u.Id == janId).IsAdmin);
        Assert.Equal(0, harness.Sandbox.RefreshRequests);
        var adminActions = new[] { AuditAction.RefreshForced, AuditAction.Unlinked, AuditAction.AdminGranted, AuditAction.AdminRevoked, AuditAction.AccountDeleted };
        Assert.Empty(await harness.Portal.WithDatabaseAsync(db => db.AuditEntries.Where(e => e.ActorUserId == anId && adminActions.Contains(e.Action)).ToListAsync()));
    }

    [Fact]
    public async Task An_admin_gets_every_admin_page()
    {
        await using var harness = await PortalHarness.StartAsync(AnIsAdmin);
        var an = harness.NewSession();
        await an.SignInAsync(Members.AnPeeters);
        var anId = Assert.Single(await harness.UsersAsync()).Id;

        foreach (var path in Pages(anId))
        {
            var page = await an.GetAsync(path);
            Assert.True(page.Status == HttpStatusCode.OK, $"GET {path} answered {(int)page.Status}:\n{harness.Portal.Logs.Warnings()}");
        }
    }

    private static void AssertSentToSignIn(HttpResponseMessage response, string path)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Found, $"GET {path} answered {(int)response.StatusCode}");
        Assert.Equal("/", response.Headers.Location!.AbsolutePath);
        Assert.Contains($"ReturnUrl={Uri.EscapeDataString(path.Split('?')[0])}", response.Headers.Location.Query, StringComparison.Ordinal);
    }

    private static void AssertFriendly403(PortalPage page, string request)
    {
        Assert.True(page.Status == HttpStatusCode.Forbidden, $"{request} answered {(int)page.Status}");
        Assert.Contains("You do not have access to this page", page.Html, StringComparison.Ordinal);
        Assert.Contains("This page is for the portal's administrators", page.Text, StringComparison.Ordinal);
    }

    private static async Task AssertUnchangedAsync(PortalHarness harness, Guid anId, int expectedUsers)
    {
        var users = await harness.UsersAsync();
        Assert.Equal(expectedUsers, users.Count);
        Assert.True(users.Single(u => u.Id == anId).IsAdmin);
        Assert.Contains(await harness.ConnectionsAsync(), c => c.UserId == anId && c.Provider == "KlasCement");
    }
}
