using System.Net;
using WebPortal.Data;
using WebPortal.Sandbox.KlasCement;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Accounts;

public sealed class MyAccountsPageTests
{
    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in()
    {
        await using var harness = await PortalHarness.StartAsync();

        using var response = await harness.NewSession().Portal.GetAsync("/account");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/?ReturnUrl=%2Faccount", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task The_start_page_links_to_My_accounts()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInAsync();

        var start = await browser.GetAsync("/");

        Assert.Contains("href=\"/account\" data-testid=\"manage-accounts\"", start.Html, StringComparison.Ordinal);
        Assert.Contains("Manage my accounts", start.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_provider_shows_its_state_with_connect_for_the_one_not_linked()
    {
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var harness = await MyOrganizerHarness.StartAsync(klasCement: klasCement);
        var browser = harness.NewSession();
        await browser.SignInAsync(Members.AnPeeters);

        var page = await browser.GetAsync("/account");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("data-testid=\"my-accounts\"", page.Html, StringComparison.Ordinal);
        Assert.Equal("Active", MyAccounts.State(page, "KlasCement"));
        Assert.Equal("NotConnected", MyAccounts.State(page, "MyOrganizer"));
        Assert.Contains("Connect MyOrganizer", page.Text, StringComparison.Ordinal);
        Assert.Contains("name=\"returnUrl\" value=\"/account\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"disconnect-KlasCement\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"delete-account\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_that_needs_a_reconnect_says_so_and_offers_it_and_a_refresh_shows_when_it_was_renewed()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInAsync();
        await harness.ExpireStoredAccessTokensAsync();
        await browser.GetAsync("/profile");

        var renewed = await browser.GetAsync("/account");
        harness.Sandbox.RefreshEndpoint = SandboxBehaviour.InvalidGrant;
        await harness.ExpireStoredAccessTokensAsync();
        await browser.GetAsync("/profile");
        var needsReconnect = await browser.GetAsync("/account");

        var refreshedAt = Assert.Single(await harness.ConnectionsAsync()).LastRefreshedAt!.Value;
        Assert.Contains(BrusselsTime.InEnglish(refreshedAt), renewed.Text, StringComparison.Ordinal);
        Assert.Equal("NeedsReconnect", MyAccounts.State(needsReconnect, "KlasCement"));
        Assert.Contains("Needs reconnect", needsReconnect.Text, StringComparison.Ordinal);
        Assert.Contains("Reconnect KlasCement", needsReconnect.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connecting_the_second_provider_from_My_accounts_links_it_and_returns_there()
    {
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var harness = await MyOrganizerHarness.StartAsync(klasCement: klasCement);
        var browser = harness.NewSession();
        await browser.SignInAsync(Members.AnPeeters);

        var authorize = await browser.StartConnectAsync("/account", "MyOrganizer", "/account");
        var callback = await browser.AnswerMyOrganizerAsync(authorize, Customers.LotteMaes);
        var page = await browser.GetAsync(callback.PathAndQuery);

        Assert.Equal("/account", page.Path);
        Assert.Equal("Active", MyAccounts.State(page, "KlasCement"));
        Assert.Equal("Active", MyAccounts.State(page, "MyOrganizer"));
        var user = Assert.Single(await harness.UsersAsync());
        Assert.All(await harness.ConnectionsAsync(), c => Assert.Equal(user.Id, c.UserId));
    }

    [Fact]
    public async Task Disconnecting_the_only_way_to_sign_in_is_refused_with_an_explanation_and_changes_nothing()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInAsync();

        var confirm = await browser.GetAsync("/account/disconnect/KlasCement");
        var refused = await browser.SubmitAsync("/account", "/account/disconnect/KlasCement");

        Assert.Contains("data-testid=\"disconnect-refused\"", confirm.Html, StringComparison.Ordinal);
        Assert.Contains("only way you can still sign in", confirm.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("action=\"/account/disconnect/KlasCement\"", confirm.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"/account/delete\"", confirm.Html, StringComparison.Ordinal);
        Assert.Equal("/account?notice=DisconnectRefused&provider=KlasCement", refused.Path);
        Assert.Contains("KlasCement was not disconnected", refused.Text, StringComparison.Ordinal);
        Assert.Single(await harness.ConnectionsAsync());
        Assert.DoesNotContain(await harness.Portal.AuditEntriesAsync(), e => e.Action == AuditAction.Unlinked);
    }

    [Fact]
    public async Task A_connection_with_a_provider_that_is_switched_off_is_no_way_to_sign_in()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = await SignedInWithAMyOrganizerConnectionWhileMyOrganizerIsOffAsync(harness);

        var confirm = await browser.GetAsync("/account/disconnect/KlasCement");
        var refused = await browser.SubmitAsync("/account", "/account/disconnect/KlasCement");

        Assert.Contains("data-testid=\"disconnect-refused\"", confirm.Html, StringComparison.Ordinal);
        Assert.Contains("data-notice=\"DisconnectRefused\"", refused.Html, StringComparison.Ordinal);
        Assert.Equal(2, (await harness.ConnectionsAsync()).Count);
    }

    [Fact]
    public async Task A_connection_with_a_provider_that_is_switched_off_is_listed_as_such_and_can_be_disconnected()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = await SignedInWithAMyOrganizerConnectionWhileMyOrganizerIsOffAsync(harness);

        var page = await browser.GetAsync("/account");
        var disconnected = await browser.SubmitAsync("/account", "/account/disconnect/MyOrganizer");

        Assert.Contains("data-testid=\"switched-off-MyOrganizer\"", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Connect MyOrganizer", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Reconnect MyOrganizer", page.Text, StringComparison.Ordinal);
        Assert.Contains("data-notice=\"Disconnected\"", disconnected.Html, StringComparison.Ordinal);
        Assert.Equal(["KlasCement"], (await harness.ConnectionsAsync()).Select(c => c.Provider));
    }

    [Fact]
    public async Task Disconnecting_a_provider_after_confirming_removes_it_and_its_tokens_while_another_remains()
    {
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var harness = await MyOrganizerHarness.StartAsync(klasCement: klasCement);
        var browser = harness.NewSession();
        await browser.SignInAsync(Members.AnPeeters);
        await browser.SignInWithMyOrganizerAsync(Customers.LotteMaes);

        var confirm = await browser.GetAsync("/account/disconnect/MyOrganizer");
        var done = await browser.SubmitAsync("/account/disconnect/MyOrganizer", "/account/disconnect/MyOrganizer");

        Assert.Contains("Disconnect MyOrganizer?", confirm.Text, StringComparison.Ordinal);
        Assert.Contains("method=\"post\" action=\"/account/disconnect/MyOrganizer\"", confirm.Html, StringComparison.Ordinal);
        Assert.Equal("/account?notice=Disconnected&provider=MyOrganizer", done.Path);
        Assert.Contains("MyOrganizer is disconnected", done.Text, StringComparison.Ordinal);
        Assert.Equal("NotConnected", MyAccounts.State(done, "MyOrganizer"));
        var remaining = Assert.Single(await harness.ConnectionsAsync());
        Assert.Equal("KlasCement", remaining.Provider);
        var unlinked = Assert.Single(await harness.Portal.AuditEntriesAsync(), e => e.Action == AuditAction.Unlinked);
        Assert.Equal((remaining.UserId, remaining.UserId, "MyOrganizer", Customers.LotteMaes), (unlinked.ActorUserId, unlinked.SubjectUserId, unlinked.Provider, unlinked.ExternalUserId));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/agenda")).Status);
        Assert.Contains("data-state=\"NotConnected\"", (await browser.GetAsync("/agenda")).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disconnecting_without_an_anti_forgery_token_is_refused()
    {
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var harness = await MyOrganizerHarness.StartAsync(klasCement: klasCement);
        var browser = harness.NewSession();
        await browser.SignInAsync(Members.AnPeeters);
        await browser.SignInWithMyOrganizerAsync(Customers.LotteMaes);

        using var response = await browser.Portal.PostAsync("/account/disconnect/MyOrganizer", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(2, (await harness.ConnectionsAsync()).Count);
    }

    [Fact]
    public async Task Disconnecting_a_provider_that_is_not_connected_says_so()
    {
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var harness = await MyOrganizerHarness.StartAsync(klasCement: klasCement);
        var browser = harness.NewSession();
        await browser.SignInAsync(Members.AnPeeters);

        var confirm = await browser.GetAsync("/account/disconnect/MyOrganizer");
        var unknown = await browser.GetAsync("/account/disconnect/Facebook");

        Assert.Equal("/account?notice=NotConnected&provider=MyOrganizer", confirm.Path);
        Assert.Contains("MyOrganizer is not connected", confirm.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
    }

    [Fact]
    public async Task Deleting_the_account_after_confirming_removes_user_connections_and_tokens_and_signs_out()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInAsync();
        var user = Assert.Single(await harness.UsersAsync());

        var confirm = await browser.GetAsync("/account/delete");
        var start = await browser.SubmitAsync("/account/delete", "/account/delete");

        Assert.Contains("Delete your portal account?", confirm.Text, StringComparison.Ordinal);
        Assert.Contains("method=\"post\" action=\"/account/delete\"", confirm.Html, StringComparison.Ordinal);
        Assert.Equal("/?notice=AccountDeleted", start.Path);
        Assert.Contains("Your portal account was deleted", start.Text, StringComparison.Ordinal);
        Assert.Contains("Not signed in", start.Text, StringComparison.Ordinal);
        Assert.False(browser.HasSessionCookie);
        Assert.Empty(await harness.UsersAsync());
        Assert.Empty(await harness.ConnectionsAsync());
        var entries = await harness.Portal.AuditEntriesAsync();
        var deleted = Assert.Single(entries, e => e.Action == AuditAction.AccountDeleted);
        Assert.Equal((user.Id, user.Id, "KlasCement"), (deleted.ActorUserId, deleted.SubjectUserId, deleted.Detail));
        Assert.Contains(entries, e => e.Action == AuditAction.FirstLink && e.SubjectUserId == user.Id);
    }

    [Fact]
    public async Task The_only_admin_cannot_delete_their_account()
    {
        await using var harness = await PortalHarness.StartAsync(new Dictionary<string, string?> { ["Portal:Admins:0"] = $"KlasCement:{Members.AnPeeters}" });
        var browser = harness.NewSession();
        await browser.SignInAsync();

        var refused = await browser.SubmitAsync("/account/delete", "/account/delete");

        Assert.Equal("/account?notice=DeleteRefusedLastAdmin", refused.Path);
        Assert.Contains("you are the portal's only administrator", refused.Text, StringComparison.Ordinal);
        Assert.Contains("Grant another person the admin role first", refused.Text, StringComparison.Ordinal);
        Assert.Single(await harness.UsersAsync());
        Assert.True(browser.HasSessionCookie);
        Assert.DoesNotContain(await harness.Portal.AuditEntriesAsync(), e => e.Action == AuditAction.AccountDeleted);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/account")]
    [InlineData("/account/delete")]
    [InlineData("/profile")]
    [InlineData("/agenda")]
    [InlineData("/admin/audit")]
    public async Task Another_browser_of_a_deleted_account_is_signed_out_at_its_next_request(string path)
    {
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var harness = await MyOrganizerHarness.StartAsync(klasCement: klasCement);
        var deleting = harness.NewSession();
        var other = harness.NewSession();
        await deleting.SignInAsync(Members.AnPeeters);
        await deleting.SignInWithMyOrganizerAsync(Customers.LotteMaes);
        await other.SignInAsync(Members.AnPeeters);
        Assert.Single(await harness.UsersAsync());

        await deleting.SubmitAsync("/account/delete", "/account/delete");
        var page = await other.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Not signed in", page.Text, StringComparison.Ordinal);
        Assert.Contains("Sign in with KlasCement", page.Text, StringComparison.Ordinal);
        Assert.False(other.HasSessionCookie, "The session cookie is removed.");
        Assert.Empty(await harness.UsersAsync());
    }

    [Fact]
    public async Task Confirming_a_deletion_left_open_while_another_browser_deleted_the_account_signs_out()
    {
        await using var harness = await PortalHarness.StartAsync();
        var first = harness.NewSession();
        var second = harness.NewSession();
        await first.SignInAsync();
        await second.SignInAsync();
        var leftOpen = await first.GetAntiforgeryTokenAsync("/account/delete");
        await second.SubmitAsync("/account/delete", "/account/delete");

        using var response = await first.PostWithTokenAsync("/account/delete", leftOpen);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/?ReturnUrl=%2Faccount%2Fdelete", response.Headers.Location!.PathAndQuery);
        Assert.False(first.HasSessionCookie);
        Assert.Single(await harness.Portal.AuditEntriesAsync(), e => e.Action == AuditAction.AccountDeleted);
    }

    [Fact]
    public async Task Html_in_a_display_name_is_shown_as_text()
    {
        const string Member = "0badc0de1";
        await using var harness = await PortalHarness.StartAsync(sandbox: options => options.Members.Add(new KlasCementSandboxMember(Member, new Dictionary<string, object?>
        {
            ["id"] = Member,
            ["first_name"] = "<script>alert(1)</script>",
            ["surname"] = "\"Quote'",
        })));
        var browser = harness.NewSession();
        await browser.SignInAsync(Member);

        var pages = new[] { await browser.GetAsync("/account"), await browser.GetAsync("/account/delete") };

        Assert.All(pages, page =>
        {
            Assert.DoesNotContain("<script>alert(1)", page.Html, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page.Html, StringComparison.Ordinal);
        });
    }

    /// <summary>An Peeters, signed in with KlasCement, also has a MyOrganizer connection, a provider this portal does not offer.</summary>
    private static async Task<PortalSession> SignedInWithAMyOrganizerConnectionWhileMyOrganizerIsOffAsync(PortalHarness harness)
    {
        var browser = harness.NewSession();
        await browser.SignInAsync();
        var user = Assert.Single(await harness.UsersAsync());
        await harness.Portal.WithDatabaseAsync(async db =>
        {
            db.Connections.Add(new ProviderConnection { Id = Guid.NewGuid(), UserId = user.Id, Provider = "MyOrganizer", ProviderUserId = Customers.LotteMaes, Version = Guid.NewGuid() });
            await db.SaveChangesAsync();
        });
        return browser;
    }
}

/// <summary>Reads "My accounts" and the start page's table.</summary>
internal static class MyAccounts
{
    /// <summary>The row's state: <c>Active</c>, <c>NeedsReconnect</c> or <c>NotConnected</c>.</summary>
    public static string State(PortalPage page, string provider)
    {
        var match = System.Text.RegularExpressions.Regex.Match(page.Html, $"data-testid=\"connection-{provider}\" data-state=\"([A-Za-z]+)\"");
        Assert.True(match.Success, $"No row for {provider} on {page.Path}.");
        return match.Groups[1].Value;
    }
}
