using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using WebPortal.Data;
using WebPortal.Sandbox.KlasCement;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Admin;

public sealed partial class AuditPageTests
{
    /// <summary>Jan Janssens is the admin who reads the log; An Peeters is a person it is about.</summary>
    private static readonly Dictionary<string, string?> JanIsAdmin = new() { ["Portal:Admins:0"] = $"KlasCement:{Members.JanJanssens}" };

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in()
    {
        await using var harness = await PortalHarness.StartAsync(JanIsAdmin);

        using var response = await harness.NewSession().Portal.GetAsync("/admin/audit?action=SignedIn");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/?ReturnUrl=%2Fadmin%2Faudit%3Faction%3DSignedIn", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task A_person_who_is_not_an_admin_gets_the_403_page()
    {
        await using var harness = await PortalHarness.StartAsync(JanIsAdmin);
        var an = harness.NewSession();
        await an.SignInAsync(Members.AnPeeters);

        var page = await an.GetAsync("/admin/audit");

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains("This page is for the portal's administrators", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("audit-entry", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_sees_every_entry_newest_first_with_who_what_whom_and_where()
    {
        await using var harness = await PortalHarness.StartAsync(JanIsAdmin);
        await harness.NewSession(IPAddress.Parse("203.0.113.7")).SignInAsync(Members.AnPeeters);
        var jan = harness.NewSession();
        await jan.SignInAsync(Members.JanJanssens);

        var page = await jan.GetAsync("/admin/audit");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var rows = AuditRows(page);
        var entries = await harness.Portal.AuditEntriesAsync();
        Assert.Equal(entries.Select(e => e.Id).Reverse(), rows.Select(r => r.Id));
        Assert.Equal(entries.Select(e => e.Action.ToString()).Reverse(), rows.Select(r => r.Action));
        var an = (await harness.UsersAsync()).Single(u => u.DisplayName == "An Peeters");
        var anSignedIn = rows.Single(r => r.Action == "SignedIn" && r.Html.Contains(Members.AnPeeters, StringComparison.Ordinal));
        Assert.Contains($"<a href=\"/admin/accounts/{an.Id:D}\">An Peeters</a>", anSignedIn.Html, StringComparison.Ordinal);
        Assert.Contains("203.0.113.7", anSignedIn.Html, StringComparison.Ordinal);
        var signedInAt = entries.Single(e => e.Id == anSignedIn.Id).At;
        Assert.Contains(BrusselsTime.InEnglishToTheSecond(signedInAt), anSignedIn.Html, StringComparison.Ordinal);
        var granted = rows.Single(r => r.Action == "AdminGranted");
        Assert.Contains("<span class=\"muted\">portal</span>", granted.Html, StringComparison.Ordinal);
        Assert.Contains("Portal:Admins", granted.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_log_filters_by_user_as_actor_or_subject_and_by_action()
    {
        await using var harness = await PortalHarness.StartAsync(JanIsAdmin);
        await harness.NewSession().SignInAsync(Members.AnPeeters);
        var jan = harness.NewSession();
        await jan.SignInAsync(Members.JanJanssens);
        var users = await harness.UsersAsync();
        var an = users.Single(u => u.DisplayName == "An Peeters");
        var janUser = users.Single(u => u.DisplayName == "Jan Janssens");
        await SeedAsync(harness.Portal, new AuditEntry { Action = AuditAction.AdminRevoked, ActorUserId = an.Id, ActorName = an.DisplayName, SubjectUserId = Guid.NewGuid(), SubjectName = "Someone else" });

        var anEntries = AuditRows(await jan.GetAsync($"/admin/audit?user={an.Id}"));
        var signIns = AuditRows(await jan.GetAsync("/admin/audit?action=signedin"));
        var anSignIns = await jan.GetAsync($"/admin/audit?user={an.Id:N}&action=SignedIn");

        var expected = (await harness.Portal.AuditEntriesAsync()).Where(e => e.ActorUserId == an.Id || e.SubjectUserId == an.Id).Select(e => e.Id).Reverse();
        Assert.Equal(expected, anEntries.Select(r => r.Id));
        Assert.Equal(["AdminRevoked", "SignedIn", "FirstLink"], anEntries.Select(r => r.Action));
        Assert.Equal(["SignedIn", "SignedIn"], signIns.Select(r => r.Action));
        Assert.Equal(["SignedIn"], AuditRows(anSignIns).Select(r => r.Action));
        Assert.Contains($"value=\"{an.Id:D}\"", anSignIns.Html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"SignedIn\" selected=\"selected\">", anSignIns.Html, StringComparison.Ordinal);
        Assert.Contains("Entries in which An Peeters acted or was acted on", Whitespace().Replace(anSignIns.Text, " "), StringComparison.Ordinal);
        Assert.DoesNotContain(janUser.Id.ToString(), string.Concat(AuditRows(anSignIns).Select(r => r.Html)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("action=Bogus", "Action")]
    [InlineData("action=1", "Action")]
    [InlineData("action=%3Cscript%3E", "Action")]
    [InlineData("user=not-a-guid", "User")]
    [InlineData("user=%27%20OR%201%3D1", "User")]
    public async Task A_filter_that_cannot_be_read_is_ignored_with_a_notice(string query, string filter)
    {
        await using var harness = await PortalHarness.StartAsync(JanIsAdmin);
        var jan = harness.NewSession();
        await jan.SignInAsync(Members.JanJanssens);

        var page = await jan.GetAsync($"/admin/audit?{query}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"data-testid=\"ignored-filter\" data-filter=\"{filter}\"", page.Html, StringComparison.Ordinal);
        Assert.Equal((await harness.Portal.AuditEntriesAsync()).Count, AuditRows(page).Count);
        Assert.DoesNotContain("<script>", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_log_is_paged_by_fifty_with_the_filters_kept_and_an_empty_page_beyond_the_last()
    {
        await using var harness = await PortalHarness.StartAsync(JanIsAdmin);
        var jan = harness.NewSession();
        await jan.SignInAsync(Members.JanJanssens);
        var subject = Guid.NewGuid();
        await SeedAsync(harness.Portal, [.. Enumerable.Range(0, 120).Select(i => new AuditEntry
        {
            Action = i % 2 == 0 ? AuditAction.Unlinked : AuditAction.SignedIn,
            SubjectUserId = subject,
            SubjectName = $"Seeded {i}",
        })]);
        var seeded = (await harness.Portal.AuditEntriesAsync()).Where(e => e.SubjectUserId == subject).Select(e => e.Id).Reverse().ToList();

        var first = await jan.GetAsync($"/admin/audit?user={subject}");
        var second = await jan.GetAsync($"/admin/audit?user={subject}&page=2");
        var last = await jan.GetAsync($"/admin/audit?user={subject}&page=3");
        var beyond = await jan.GetAsync($"/admin/audit?user={subject}&page=4");
        var unlinkedSecond = await jan.GetAsync($"/admin/audit?user={subject}&action=Unlinked&page=2");
        var whole = await jan.GetAsync("/admin/audit?page=3");

        Assert.Equal(seeded.Take(50), AuditRows(first).Select(r => r.Id));
        Assert.Contains($"href=\"/admin/audit?user={subject:D}&amp;page=2\" rel=\"next\"", first.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"prev\"", first.Html, StringComparison.Ordinal);
        Assert.Equal(seeded.Skip(50).Take(50), AuditRows(second).Select(r => r.Id));
        Assert.Contains($"href=\"/admin/audit?user={subject:D}\" rel=\"prev\"", second.Html, StringComparison.Ordinal);
        Assert.Equal(seeded.Skip(100), AuditRows(last).Select(r => r.Id));
        Assert.DoesNotContain("rel=\"next\"", last.Html, StringComparison.Ordinal);
        Assert.Empty(AuditRows(beyond));
        Assert.Contains("There are no entries on this page.", beyond.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, beyond.Status);
        Assert.Equal(10, AuditRows(unlinkedSecond).Count);
        Assert.All(AuditRows(unlinkedSecond), r => Assert.Equal("Unlinked", r.Action));
        Assert.Contains($"href=\"/admin/audit?user={subject:D}&amp;action=Unlinked\" rel=\"prev\"", unlinkedSecond.Html, StringComparison.Ordinal);
        Assert.Equal((await harness.Portal.AuditEntriesAsync()).Count - 100, AuditRows(whole).Count);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("x")]
    [InlineData("99999999999999999999")]
    public async Task An_unreadable_page_number_shows_the_first_page(string page)
    {
        await using var harness = await PortalHarness.StartAsync(JanIsAdmin);
        var jan = harness.NewSession();
        await jan.SignInAsync(Members.JanJanssens);

        var shown = await jan.GetAsync($"/admin/audit?page={page}");

        Assert.Equal(HttpStatusCode.OK, shown.Status);
        Assert.Contains("Page 1", shown.Text, StringComparison.Ordinal);
        Assert.Equal(3, AuditRows(shown).Count);
    }

    [Fact]
    public async Task A_deleted_account_keeps_its_entries_and_is_shown_as_deleted()
    {
        await using var harness = await PortalHarness.StartAsync(JanIsAdmin);
        var an = harness.NewSession();
        await an.SignInAsync(Members.AnPeeters);
        var anUser = Assert.Single(await harness.UsersAsync());
        var jan = harness.NewSession();
        await jan.SignInAsync(Members.JanJanssens);
        await an.SubmitAsync("/account/delete", "/account/delete");

        var page = await jan.GetAsync($"/admin/audit?user={anUser.Id}");

        var rows = AuditRows(page);
        Assert.Equal(["AccountDeleted", "SignedIn", "FirstLink"], rows.Select(r => r.Action));
        Assert.All(rows, r =>
        {
            Assert.Contains("<span>An Peeters</span> <span class=\"deleted\">(deleted)</span>", r.Html, StringComparison.Ordinal);
            Assert.DoesNotContain($"/admin/accounts/{anUser.Id:D}", r.Html, StringComparison.Ordinal);
        });
        Assert.Contains("a user who no longer exists", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Html_in_a_display_name_is_shown_as_text()
    {
        const string Member = "0badc0de1";
        await using var harness = await PortalHarness.StartAsync(JanIsAdmin, options => options.Members.Add(new KlasCementSandboxMember(Member, new Dictionary<string, object?>
        {
            ["id"] = Member,
            ["first_name"] = "<img src=x onerror=alert(1)>",
            ["surname"] = "</td>",
        })));
        await harness.NewSession().SignInAsync(Member);
        var jan = harness.NewSession();
        await jan.SignInAsync(Members.JanJanssens);

        var page = await jan.GetAsync("/admin/audit");

        Assert.DoesNotContain("<img", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("</td>\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src", page.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;/td&gt;", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_entry_and_no_page_of_the_log_holds_a_token_code_or_secret_the_providers_issued()
    {
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var harness = await MyOrganizerHarness.StartAsync(JanIsAdmin, klasCement: klasCement);
        var an = harness.NewSession();
        await an.SignInAsync(Members.AnPeeters);
        await an.SignInWithMyOrganizerAsync(Customers.LotteMaes);
        await harness.ExpireStoredAccessTokensAsync();
        await an.GetAsync("/profile");
        await an.GetAsync("/agenda");
        klasCement.Sandbox.RefreshEndpoint = SandboxBehaviour.InvalidGrant;
        await harness.ExpireStoredAccessTokensAsync();
        await an.GetAsync("/profile");
        klasCement.Sandbox.RefreshEndpoint = SandboxBehaviour.Normal;
        var authorize = await an.PostSignInFormAsync("/profile");
        await an.GetAsync((await an.ConsentAsync(authorize)).PathAndQuery);
        var jan = harness.NewSession();
        await jan.SignInAsync(Members.JanJanssens);

        var page = await jan.GetAsync("/admin/audit");

        var entries = await harness.Portal.AuditEntriesAsync();
        Assert.Contains(entries, e => e.Action == AuditAction.ReconnectNeeded);
        Assert.Contains(entries, e => e.Action == AuditAction.Reconnected);
        var secrets = klasCement.Secrets.Concat(harness.Secrets).ToList();
        Assert.True(secrets.Count >= 10, $"Only {secrets.Count} secrets were issued.");
        var columns = entries.SelectMany(e => new[] { e.ActorName, e.SubjectName, e.Provider, e.ExternalUserId, e.Detail, e.ClientIp }).OfType<string>().ToList();
        Assert.All(secrets, secret =>
        {
            Assert.DoesNotContain(columns, column => column.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(secret, page.Html, StringComparison.Ordinal);
        });
    }

    private static async Task SeedAsync(PortalFactory portal, params AuditEntry[] entries)
    {
        await portal.WithDatabaseAsync(async db =>
        {
            foreach (var entry in entries)
            {
                entry.At = DateTimeOffset.UtcNow;
                db.AuditEntries.Add(entry);
                await db.SaveChangesAsync();
            }
        });
    }

    private static List<AuditRow> AuditRows(PortalPage page) =>
        [.. AuditRowPattern().Matches(page.Html).Select(m => new AuditRow(long.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups[1].Value, m.Groups[3].Value))];

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("<tr data-testid=\"audit-entry\" data-action=\"([A-Za-z]+)\" data-id=\"(\\d+)\">(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex AuditRowPattern();

    private sealed record AuditRow(long Id, string Action, string Html);
}
