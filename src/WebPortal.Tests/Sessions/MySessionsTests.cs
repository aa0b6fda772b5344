using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using WebPortal.Data;
using WebPortal.Localization;
using WebPortal.Tests.Infrastructure;
using WebPortal.ViewModels.MyAccounts;

namespace WebPortal.Tests.Sessions;

/// <summary>
/// "My sessions" on the account page: every browser signed in to the account, ending one or all others; and the
/// sessions that end with what they depend on (a disconnected provider, a deleted account, an admin's decision).
/// </summary>
public sealed class MySessionsTests
{
    private const string Firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    private const string Edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0";

    [Fact]
    public async Task My_sessions_lists_every_browser_signed_in_to_the_account_and_marks_this_one()
    {
        await using var harness = await PortalHarness.StartAsync();
        var laptop = await SignedInAsync(harness, Members.AnPeeters, Firefox, "198.51.100.4");
        var office = await SignedInAsync(harness, Members.AnPeeters, Edge, "198.51.100.9");

        harness.Portal.Clock.Advance(TimeSpan.FromMinutes(30));
        await office.GetAsync("/");

        var page = await laptop.GetAsync(MyAccountsPaths.Index);

        Assert.Equal(2, CountOf("data-testid=\"session\"", page.Html));
        Assert.Contains($"data-session=\"{await SessionIdAsync(harness, laptop):N}\" data-current=\"true\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("Firefox on Linux", page.Text, StringComparison.Ordinal);
        Assert.Contains("This browser", page.Text, StringComparison.Ordinal);
        var officeSession = (await harness.Portal.StoredSessionAsync(office.SessionCookie!.Value))!.Value.Row;
        var officeRow = Regex.Match(page.Html, $"data-session=\"{officeSession.Id:N}\" data-current=\"false\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Equal(
            ["Edge on Windows", "198.51.100.9", "KlasCement", StartedOrSeen(officeSession.CreatedAt), StartedOrSeen(officeSession.LastSeenAt)],
            Regex.Matches(officeRow, "<td>(.*?)</td>", RegexOptions.Singleline).Take(5).Select(cell => cell.Groups[1].Value));
        Assert.True(officeSession.LastSeenAt - officeSession.CreatedAt >= TimeSpan.FromMinutes(30), "the office browser was seen 30 minutes after it signed in");
    }

    [Fact]
    public async Task A_session_ended_from_another_browser_is_refused_at_its_very_next_request_and_the_end_is_audited()
    {
        await using var harness = await PortalHarness.StartAsync();
        var laptop = await SignedInAsync(harness, Members.AnPeeters, Firefox);
        var office = await SignedInAsync(harness, Members.AnPeeters, Edge);
        Assert.Equal(MyAccountsPaths.Index, (await office.GetAsync(MyAccountsPaths.Index)).Path);

        var ended = await laptop.PostFormAsync(MyAccountsPaths.EndSession(await SessionIdAsync(harness, office)), tokenFrom: MyAccountsPaths.Index);

        Assert.Equal($"{MyAccountsPaths.Index}?notice=SessionEnded", ended.Location!.OriginalString);
        Assert.Equal("/?ReturnUrl=%2Faccount", (await office.GetAsync(MyAccountsPaths.Index)).Path);
        Assert.Equal(MyAccountsPaths.Index, (await laptop.GetAsync(MyAccountsPaths.Index)).Path);
        var entry = Assert.Single(await AuditAsync(harness.Portal, AuditAction.SessionsEnded));
        Assert.Equal(("An Peeters", "An Peeters", "1"), (entry.ActorName, entry.SubjectName, entry.Detail));
    }

    [Fact]
    public async Task Signing_out_everywhere_else_ends_every_other_session_and_keeps_this_one()
    {
        await using var harness = await PortalHarness.StartAsync();
        var laptop = await SignedInAsync(harness, Members.AnPeeters, Firefox);
        var office = await SignedInAsync(harness, Members.AnPeeters, Edge);
        var phone = await SignedInAsync(harness, Members.AnPeeters, Edge);
        var jan = await SignedInAsync(harness, Members.JanJanssens, Edge);

        var ended = await laptop.PostFormAsync(MyAccountsPaths.EndOtherSessions, tokenFrom: MyAccountsPaths.Index);

        Assert.Equal($"{MyAccountsPaths.Index}?notice=OtherSessionsEnded", ended.Location!.OriginalString);
        Assert.Equal(MyAccountsPaths.Index, (await laptop.GetAsync(MyAccountsPaths.Index)).Path);
        Assert.Equal("/?ReturnUrl=%2Faccount", (await office.GetAsync(MyAccountsPaths.Index)).Path);
        Assert.Equal("/?ReturnUrl=%2Faccount", (await phone.GetAsync(MyAccountsPaths.Index)).Path);
        Assert.Equal(MyAccountsPaths.Index, (await jan.GetAsync(MyAccountsPaths.Index)).Path);
        Assert.Equal("2", Assert.Single(await AuditAsync(harness.Portal, AuditAction.SessionsEnded)).Detail);
    }

    [Fact]
    public async Task Nobody_can_end_a_session_of_someone_else()
    {
        await using var harness = await PortalHarness.StartAsync();
        var an = await SignedInAsync(harness, Members.AnPeeters, Firefox);
        var jan = await SignedInAsync(harness, Members.JanJanssens, Edge);

        var attempt = await jan.PostFormAsync(MyAccountsPaths.EndSession(await SessionIdAsync(harness, an)), tokenFrom: MyAccountsPaths.Index);

        Assert.Equal($"{MyAccountsPaths.Index}?notice=SessionNotFound", attempt.Location!.OriginalString);
        Assert.Equal(MyAccountsPaths.Index, (await an.GetAsync(MyAccountsPaths.Index)).Path);
        Assert.Empty(await AuditAsync(harness.Portal, AuditAction.SessionsEnded));
    }

    [Fact]
    public async Task Ending_this_browser_s_own_session_signs_it_out()
    {
        await using var harness = await PortalHarness.StartAsync();
        var an = await SignedInAsync(harness, Members.AnPeeters, Firefox);

        var ended = await an.PostFormAsync(MyAccountsPaths.EndSession(await SessionIdAsync(harness, an)), tokenFrom: MyAccountsPaths.Index);

        Assert.Equal(HttpStatusCode.Found, ended.Status);
        Assert.Equal("/?ReturnUrl=%2Faccount", (await an.GetAsync(MyAccountsPaths.Index)).Path);
        Assert.Empty(await harness.Portal.SessionsAsync());
    }

    [Fact]
    public async Task Disconnecting_a_provider_ends_the_other_sessions_signed_in_with_it()
    {
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var harness = await MyOrganizerHarness.StartAsync(klasCement: klasCement);
        var viaKlasCement = harness.NewSession();
        await viaKlasCement.SignInAsync(Members.AnPeeters);
        var linking = harness.NewSession();
        await linking.SignInAsync(Members.AnPeeters);
        await linking.SignInWithMyOrganizerAsync(Customers.LotteMaes);
        var alsoViaKlasCement = harness.NewSession();
        await alsoViaKlasCement.SignInAsync(Members.AnPeeters);

        var disconnected = await alsoViaKlasCement.PostFormAsync(MyAccountsPaths.Disconnect("KlasCement"), tokenFrom: MyAccountsPaths.Index);

        Assert.Equal($"{MyAccountsPaths.Index}?notice=Disconnected&provider=KlasCement", disconnected.Location!.OriginalString);
        Assert.Equal("/?ReturnUrl=%2Faccount", (await viaKlasCement.GetAsync(MyAccountsPaths.Index)).Path);
        Assert.Equal(MyAccountsPaths.Index, (await linking.GetAsync(MyAccountsPaths.Index)).Path);
        Assert.Equal(MyAccountsPaths.Index, (await alsoViaKlasCement.GetAsync(MyAccountsPaths.Index)).Path);
    }

    [Fact]
    public async Task Deleting_the_account_ends_every_session_of_it()
    {
        await using var harness = await PortalHarness.StartAsync();
        var laptop = await SignedInAsync(harness, Members.AnPeeters, Firefox);
        var office = await SignedInAsync(harness, Members.AnPeeters, Edge);
        var jan = await SignedInAsync(harness, Members.JanJanssens, Edge);

        await laptop.PostFormAsync(MyAccountsPaths.Delete, tokenFrom: MyAccountsPaths.Delete);

        Assert.Equal("/?ReturnUrl=%2Faccount", (await office.GetAsync(MyAccountsPaths.Index)).Path);
        Assert.Equal(MyAccountsPaths.Index, (await jan.GetAsync(MyAccountsPaths.Index)).Path);
        Assert.Equal((await SessionIdAsync(harness, jan)), Assert.Single(await harness.Portal.SessionsAsync()).Id);
    }

    [Fact]
    public async Task An_admin_ends_every_session_of_a_user_after_confirming_and_it_is_audited()
    {
        await using var harness = await PortalHarness.StartAsync(new Dictionary<string, string?> { ["Portal:Admins:0"] = $"KlasCement:{Members.AnPeeters}" });
        var admin = await SignedInAsync(harness, Members.AnPeeters, Firefox);
        var janLaptop = await SignedInAsync(harness, Members.JanJanssens, Firefox);
        var janPhone = await SignedInAsync(harness, Members.JanJanssens, Edge);
        var janId = (await harness.UsersAsync()).Single(u => u.DisplayName == "Jan Janssens").Id;

        var details = await admin.GetAsync($"/admin/accounts/{janId}");
        Assert.Contains("data-testid=\"admin-active-sessions\" data-count=\"2\"", details.Html, StringComparison.Ordinal);
        var confirmation = await admin.GetAsync($"/admin/accounts/{janId}/end-sessions");
        Assert.Contains("End every session of this user?", confirmation.Text, StringComparison.Ordinal);
        var unconfirmed = await admin.PostFormAsync($"/admin/accounts/{janId}/end-sessions", tokenFrom: $"/admin/accounts/{janId}");
        Assert.Equal(HttpStatusCode.OK, unconfirmed.Status);
        Assert.Equal(MyAccountsPaths.Index, (await janLaptop.GetAsync(MyAccountsPaths.Index)).Path);

        var done = await admin.PostFormAsync($"/admin/accounts/{janId}/end-sessions", new Dictionary<string, string> { ["confirmed"] = "true" }, tokenFrom: $"/admin/accounts/{janId}");

        Assert.Equal($"/admin/accounts/{janId}?outcome=SessionsEnded", done.Location!.OriginalString);
        Assert.Equal("/?ReturnUrl=%2Faccount", (await janLaptop.GetAsync(MyAccountsPaths.Index)).Path);
        Assert.Equal("/?ReturnUrl=%2Faccount", (await janPhone.GetAsync(MyAccountsPaths.Index)).Path);
        Assert.Equal(MyAccountsPaths.Index, (await admin.GetAsync(MyAccountsPaths.Index)).Path);
        var entry = Assert.Single(await AuditAsync(harness.Portal, AuditAction.SessionsEnded));
        Assert.Equal(("An Peeters", "Jan Janssens", "2"), (entry.ActorName, entry.SubjectName, entry.Detail));
    }

    private static async Task<PortalSession> SignedInAsync(PortalHarness harness, string member, string userAgent, string? address = null)
    {
        var browser = harness.NewSession(address is null ? null : IPAddress.Parse(address));
        browser.Portal.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        await browser.SignInAsync(member);
        return browser;
    }

    private static async Task<Guid> SessionIdAsync(PortalHarness harness, PortalSession browser) =>
        (await harness.Portal.StoredSessionAsync(browser.SessionCookie!.Value))!.Value.Row.Id;

    private static Task<List<AuditEntry>> AuditAsync(PortalFactory portal, AuditAction action) =>
        portal.WithDatabaseAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == action).ToListAsync());

    /// <summary>A Started or Last seen cell as an English page writes it: the time in Brussels, and the instant for machines.</summary>
    private static string StartedOrSeen(DateTimeOffset time) =>
        $"<time datetime=\"{time.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}\">{TimeZoneInfo.ConvertTime(time, PortalTime.Brussels).ToString("d MMMM yyyy HH:mm", PortalCultures.English)}</time>";

    private static int CountOf(string needle, string haystack) =>
        (haystack.Length - haystack.Replace(needle, "", StringComparison.Ordinal).Length) / needle.Length;
}
