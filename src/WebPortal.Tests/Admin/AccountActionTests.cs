using System.Net;
using Microsoft.EntityFrameworkCore;
using WebPortal.Data;
using WebPortal.Sandbox.KlasCement;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Admin;

/// <summary>
/// An admin's actions on an account: each is confirmed on a page of its own, posted, told to the admin afterwards,
/// and written to the audit log with who did it, to whom, and from which address.
/// </summary>
public sealed class AccountActionTests : IAsyncLifetime
{
    private static readonly IPAddress AdminAddress = IPAddress.Parse("203.0.113.7");

    private PortalHarness _harness = null!;
    private PortalSession _an = null!;
    private PortalSession _jan = null!;
    private Guid _anId;
    private Guid _janId;

    public async Task InitializeAsync()
    {
        _harness = await PortalHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Portal:Admins:0"] = $"KlasCement:{Members.AnPeeters}",
            ["Tokens:RefreshFailureBackoff"] = "00:00:00",
        });
        _an = _harness.NewSession(AdminAddress);
        await _an.SignInAsync(Members.AnPeeters);
        _jan = _harness.NewSession();
        await _jan.SignInAsync(Members.JanJanssens);
        var users = await _harness.UsersAsync();
        _anId = users.Single(u => u.DisplayName == "An Peeters").Id;
        _janId = users.Single(u => u.DisplayName == "Jan Janssens").Id;
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Refresh_now_is_confirmed_then_refreshes_the_token_at_the_provider_tells_the_new_expiry_and_is_audited()
    {
        var confirmation = await _an.GetAsync($"/admin/accounts/{_janId}/refresh?provider=KlasCement");
        Assert.Equal(HttpStatusCode.OK, confirmation.Status);
        Assert.Contains("Are you sure?", confirmation.Text, StringComparison.Ordinal);
        Assert.Contains("Refresh the KlasCement access token?", confirmation.Text, StringComparison.Ordinal);
        Assert.Contains(Members.JanJanssens, confirmation.Text, StringComparison.Ordinal);
        Assert.Contains("name=\"confirmed\" value=\"true\"", confirmation.Html, StringComparison.Ordinal);

        // A POST that did not come from the confirmation shows it, and does nothing.
        var unconfirmed = await _an.PostFormAsync($"/admin/accounts/{_janId}/refresh", new Dictionary<string, string> { ["provider"] = "KlasCement" });
        Assert.Equal(HttpStatusCode.OK, unconfirmed.Status);
        Assert.Contains("Are you sure?", unconfirmed.Text, StringComparison.Ordinal);
        Assert.Equal(0, _harness.Sandbox.RefreshRequests);

        var done = await Confirm("refresh", "KlasCement");

        Assert.Equal($"/admin/accounts/{_janId}?outcome=Refreshed&provider=KlasCement", done.Location!.OriginalString);
        Assert.Equal(1, _harness.Sandbox.RefreshRequests);
        var connection = (await _harness.ConnectionsAsync()).Single(c => c.UserId == _janId);
        Assert.Equal("Refreshed", connection.LastRefreshOutcome);
        var details = await _an.GetAsync(done.Location.OriginalString);
        Assert.Equal($"The KlasCement access token was refreshed. It now expires at {BrusselsTime.InEnglish(connection.AccessTokenExpiresAt!.Value)}.", details.Outcome());

        var entry = Assert.Single(await Audit(AuditAction.RefreshForced));
        AssertByAn(entry, subjectId: _janId, subjectName: "Jan Janssens");
        Assert.Equal("KlasCement", entry.Provider);
        Assert.Equal(Members.JanJanssens, entry.ExternalUserId);
        Assert.Equal("Refreshed", entry.Detail);
    }

    [Fact]
    public async Task A_refresh_that_fails_or_is_refused_is_told_to_the_admin_and_audited_with_its_outcome()
    {
        _harness.Sandbox.RefreshEndpoint = SandboxBehaviour.ServerError;
        var failed = await _an.GetAsync((await Confirm("refresh", "KlasCement")).Location!.OriginalString);
        Assert.Equal("KlasCement could not refresh the access token just now (it answered with a server error). The connection was kept as it was; try again later.", failed.Outcome());
        Assert.Equal(ConnectionStatus.Active, (await JansConnection()).Status);

        _harness.Sandbox.RefreshEndpoint = SandboxBehaviour.InvalidGrant;
        var refused = await _an.GetAsync((await Confirm("refresh", "KlasCement")).Location!.OriginalString);
        Assert.StartsWith("The KlasCement connection needs a reconnect", refused.Outcome(), StringComparison.Ordinal);
        Assert.Equal(ConnectionStatus.NeedsReconnect, (await JansConnection()).Status);
        Assert.Contains("Needs reconnect", refused.Text, StringComparison.Ordinal);
        Assert.Contains("invalid_grant", refused.Text, StringComparison.Ordinal);

        // A connection that needs a reconnect is not sent to the provider again.
        var requests = _harness.Sandbox.RefreshRequests;
        var again = await _an.GetAsync((await Confirm("refresh", "KlasCement")).Location!.OriginalString);
        Assert.StartsWith("The KlasCement connection needs a reconnect", again.Outcome(), StringComparison.Ordinal);
        Assert.Equal(requests, _harness.Sandbox.RefreshRequests);

        var entries = await Audit(AuditAction.RefreshForced);
        Assert.Equal(["ServerError", "ReconnectRequired", "ReconnectRequired"], entries.Select(e => e.Detail));
        Assert.All(entries, entry => AssertByAn(entry, _janId, "Jan Janssens"));
        Assert.All(entries, entry => Assert.Equal(Members.JanJanssens, entry.ExternalUserId));
    }

    [Fact]
    public async Task Unlinking_is_confirmed_removes_the_connection_with_its_tokens_and_is_audited()
    {
        var confirmation = await _an.GetAsync($"/admin/accounts/{_janId}/unlink?provider=KlasCement");
        Assert.Contains("Unlink the KlasCement account?", confirmation.Text, StringComparison.Ordinal);

        var done = await Confirm("unlink", "KlasCement");

        Assert.Equal($"/admin/accounts/{_janId}?outcome=Unlinked&provider=KlasCement", done.Location!.OriginalString);
        Assert.DoesNotContain(await _harness.ConnectionsAsync(), c => c.UserId == _janId);
        var details = await _an.GetAsync(done.Location.OriginalString);
        Assert.Equal("The KlasCement account was unlinked and its tokens were removed.", details.Outcome());
        Assert.Contains("No linked accounts.", details.Text, StringComparison.Ordinal);

        var entry = Assert.Single(await Audit(AuditAction.Unlinked));
        AssertByAn(entry, _janId, "Jan Janssens");
        Assert.Equal("KlasCement", entry.Provider);
        Assert.Equal(Members.JanJanssens, entry.ExternalUserId);

        // Posted twice (a second tab): nothing is left to unlink, and the page says so.
        var twice = await _an.GetAsync((await Confirm("unlink", "KlasCement")).Location!.OriginalString);
        Assert.Equal("There was no KlasCement account to unlink.", twice.Outcome());
        Assert.Single(await Audit(AuditAction.Unlinked));
        Assert.Equal(HttpStatusCode.NotFound, (await _an.GetAsync($"/admin/accounts/{_janId}/unlink?provider=KlasCement")).Status);
    }

    [Fact]
    public async Task An_admin_cannot_unlink_their_own_only_way_to_sign_in_but_can_unlink_another_users_last_account()
    {
        var own = await _an.GetAsync((await Confirm("unlink", "KlasCement", _anId)).Location!.OriginalString);

        Assert.Equal("Your KlasCement account was not unlinked: it is your only way to sign in, and without it you could no longer reach this account or its admin role.", own.Outcome());
        Assert.Contains(await _harness.ConnectionsAsync(), c => c.UserId == _anId);
        Assert.Empty(await Audit(AuditAction.Unlinked));

        await Confirm("unlink", "KlasCement");
        Assert.DoesNotContain(await _harness.ConnectionsAsync(), c => c.UserId == _janId);
    }

    [Fact]
    public async Task Granting_and_revoking_the_admin_role_is_confirmed_audited_and_counts_from_the_next_request()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await _jan.GetAsync("/admin/accounts")).Status);
        Assert.Contains("Grant the admin role?", (await _an.GetAsync($"/admin/accounts/{_janId}/grant-admin")).Text, StringComparison.Ordinal);

        var granted = await Confirm("grant-admin");
        Assert.Equal("The admin role was granted.", (await _an.GetAsync(granted.Location!.OriginalString)).Outcome());
        Assert.Equal(HttpStatusCode.OK, (await _jan.GetAsync("/admin/accounts")).Status);
        Assert.Equal("Nothing changed: the admin role was already as asked.", (await _an.GetAsync((await Confirm("grant-admin")).Location!.OriginalString)).Outcome());

        var revoked = await Confirm("revoke-admin");
        Assert.Equal("The admin role was revoked.", (await _an.GetAsync(revoked.Location!.OriginalString)).Outcome());
        Assert.Equal(HttpStatusCode.Forbidden, (await _jan.GetAsync("/admin/accounts")).Status);

        AssertByAn(Assert.Single(await Audit(AuditAction.AdminRevoked)), _janId, "Jan Janssens");
        var grants = (await Audit(AuditAction.AdminGranted)).Where(e => e.ActorUserId is not null).ToList();
        AssertByAn(Assert.Single(grants), _janId, "Jan Janssens");
    }

    [Fact]
    public async Task Deleting_a_user_is_confirmed_removes_them_with_their_connections_and_tells_the_admin_on_the_list()
    {
        var confirmation = await _an.GetAsync($"/admin/accounts/{_janId}/delete");
        Assert.Contains("Delete this account?", confirmation.Text, StringComparison.Ordinal);

        var done = await Confirm("delete");

        Assert.Equal("/admin/accounts?outcome=Deleted", done.Location!.OriginalString);
        var list = await _an.GetAsync(done.Location.OriginalString);
        Assert.Equal("The account was deleted, with its connections and tokens. Its audit entries are kept.", list.Outcome());
        Assert.Equal(["An Peeters"], list.Names());
        Assert.DoesNotContain(await _harness.UsersAsync(), u => u.Id == _janId);
        Assert.DoesNotContain(await _harness.ConnectionsAsync(), c => c.UserId == _janId);
        Assert.Equal(HttpStatusCode.NotFound, (await _an.GetAsync($"/admin/accounts/{_janId}")).Status);

        var entry = Assert.Single(await Audit(AuditAction.AccountDeleted));
        AssertByAn(entry, _janId, "Jan Janssens");
        Assert.Equal("KlasCement", entry.Detail);
    }

    [Fact]
    public async Task The_only_admin_can_neither_revoke_their_own_role_nor_delete_their_own_account()
    {
        var revoke = await _an.GetAsync((await Confirm("revoke-admin", userId: _anId)).Location!.OriginalString);
        Assert.Equal("The admin role was not revoked: this is the portal's only admin. Grant the role to someone else first.", revoke.Outcome());

        var delete = await _an.GetAsync((await Confirm("delete", userId: _anId)).Location!.OriginalString);
        Assert.Equal("The account was not deleted: it belongs to the portal's only admin. Grant the admin role to someone else first.", delete.Outcome());

        Assert.True((await _harness.UsersAsync()).Single(u => u.Id == _anId).IsAdmin);
        Assert.Equal(HttpStatusCode.OK, (await _an.GetAsync("/admin/accounts")).Status);
        Assert.Empty(await Audit(AuditAction.AdminRevoked));
        Assert.Empty(await Audit(AuditAction.AccountDeleted));
    }

    [Fact]
    public async Task With_two_admins_an_admin_can_revoke_their_own_role_and_delete_their_own_account()
    {
        Assert.Contains("Revoke your own admin role?", (await _an.GetAsync($"/admin/accounts/{_anId}/revoke-admin")).Text, StringComparison.Ordinal);
        await Confirm("grant-admin");

        var revoked = await Confirm("revoke-admin", userId: _anId);
        Assert.Equal("/", revoked.Location!.OriginalString);
        Assert.False((await _harness.UsersAsync()).Single(u => u.Id == _anId).IsAdmin);
        Assert.Equal(HttpStatusCode.Forbidden, (await _an.GetAsync("/admin/accounts")).Status);
        AssertByAn(Assert.Single(await Audit(AuditAction.AdminRevoked)), _anId, "An Peeters");

        // Jan, admin now, makes An an admin again; An then deletes their own account and is signed out.
        Assert.Equal(HttpStatusCode.Found, (await _jan.PostFormAsync($"/admin/accounts/{_anId}/grant-admin", new Dictionary<string, string> { ["confirmed"] = "true" })).Status);
        var deleted = await Confirm("delete", userId: _anId);
        Assert.Equal("/", deleted.Location!.OriginalString);
        Assert.False(_an.HasSessionCookie);
        Assert.DoesNotContain(await _harness.UsersAsync(), u => u.Id == _anId);
        AssertByAn(Assert.Single(await Audit(AuditAction.AccountDeleted)), _anId, "An Peeters");

        // Jan is the only admin left.
        var refused = await _jan.PostFormAsync($"/admin/accounts/{_janId}/revoke-admin", new Dictionary<string, string> { ["confirmed"] = "true" });
        Assert.Contains("outcome=LastAdminNotRevoked", refused.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_user_or_provider_gets_the_404_page()
    {
        var nobody = Guid.NewGuid();
        foreach (var path in new[]
        {
            $"/admin/accounts/{nobody}",
            $"/admin/accounts/{nobody}/refresh?provider=KlasCement",
            $"/admin/accounts/{nobody}/unlink?provider=KlasCement",
            $"/admin/accounts/{nobody}/grant-admin",
            $"/admin/accounts/{nobody}/revoke-admin",
            $"/admin/accounts/{nobody}/delete",
            $"/admin/accounts/{_janId}/unlink?provider=Facebook",
            $"/admin/accounts/{_janId}/refresh",
            $"/admin/accounts/{_janId}/refresh?provider=MyOrganizer",
            "/admin/accounts/not-a-guid",
        })
        {
            var page = await _an.GetAsync(path);
            Assert.True(page.Status == HttpStatusCode.NotFound, $"GET {path} answered {(int)page.Status}");
            Assert.Contains("There is no page at this address.", page.Text, StringComparison.Ordinal);
        }

        foreach (var (path, provider) in new[]
        {
            ($"/admin/accounts/{nobody}/refresh", "KlasCement"),
            ($"/admin/accounts/{nobody}/unlink", "KlasCement"),
            ($"/admin/accounts/{nobody}/grant-admin", ""),
            ($"/admin/accounts/{nobody}/revoke-admin", ""),
            ($"/admin/accounts/{nobody}/delete", ""),
            ($"/admin/accounts/{_janId}/unlink", "Facebook"),
            ($"/admin/accounts/{_janId}/refresh", ""),
        })
        {
            var answer = await _an.PostFormAsync(path, new Dictionary<string, string> { ["provider"] = provider, ["confirmed"] = "true" });
            Assert.True(answer.Status == HttpStatusCode.NotFound, $"POST {path} answered {(int)answer.Status}");
        }

        Assert.Equal(2, (await _harness.UsersAsync()).Count);
        Assert.Equal(0, _harness.Sandbox.RefreshRequests);
    }

    [Fact]
    public async Task The_outcome_in_the_query_string_is_only_ever_shown_as_the_portals_own_sentence()
    {
        var details = $"/admin/accounts/{_janId}";

        Assert.Null((await _an.GetAsync($"{details}?outcome={Uri.EscapeDataString("<script>alert(1)</script>")}")).Outcome());
        Assert.Null((await _an.GetAsync($"{details}?outcome=5")).Outcome());
        Assert.Null((await _an.GetAsync($"{details}?outcome=refreshed")).Outcome());
        Assert.Equal("There is no (unknown provider) connection to refresh.", (await _an.GetAsync($"{details}?outcome=RefreshNotConnected&provider={Uri.EscapeDataString("<b>x</b>")}")).Outcome());
        Assert.Equal(
            "KlasCement could not refresh the access token just now (it failed). The connection was kept as it was; try again later.",
            (await _an.GetAsync($"{details}?outcome=RefreshFailed&provider=KlasCement&failure={Uri.EscapeDataString("<i>")}")).Outcome());
        Assert.Null((await _an.GetAsync("/admin/accounts?outcome=Refreshed")).Outcome());

        var page = await _an.GetAsync($"{details}?outcome=Unlinked&provider={Uri.EscapeDataString("<script>alert(1)</script>")}");
        Assert.DoesNotContain("alert(1)", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_of_a_provider_switched_off_is_shown_but_not_refreshed()
    {
        await using var harness = await MyOrganizerHarness.StartAsync(new Dictionary<string, string?> { ["Portal:Admins:0"] = $"MyOrganizer:{Customers.LotteMaes}" });
        var lotte = harness.NewSession();
        await lotte.SignInWithMyOrganizerAsync(Customers.LotteMaes);
        var userId = await harness.Portal.SeedUserAsync("Kept Member", connections: new SeedConnection("KlasCement", "kc-kept"));

        var details = await lotte.GetAsync($"/admin/accounts/{userId}");
        Assert.Contains("kc-kept", details.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"admin-refresh\"", details.Html, StringComparison.Ordinal);

        var answer = await lotte.PostFormAsync($"/admin/accounts/{userId}/refresh", new Dictionary<string, string> { ["provider"] = "KlasCement", ["confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.Found, answer.Status);
        Assert.Equal("KlasCement is switched off in the portal's configuration, so its tokens cannot be refreshed.", (await lotte.GetAsync(answer.Location!.OriginalString)).Outcome());
        var entry = Assert.Single(await harness.Portal.WithDatabaseAsync(db => db.AuditEntries.Where(e => e.Action == AuditAction.RefreshForced).ToListAsync()));
        Assert.Equal("ProviderOff", entry.Detail);
    }

    /// <summary>Posts the confirmed action, as the confirmation page's button does; returns the redirect.</summary>
    private async Task<PortalPage> Confirm(string action, string? provider = null, Guid? userId = null)
    {
        var form = new Dictionary<string, string> { ["confirmed"] = "true" };
        if (provider is not null)
        {
            form["provider"] = provider;
        }

        var answer = await _an.PostFormAsync($"/admin/accounts/{userId ?? _janId}/{action}", form);
        Assert.True(answer.Status == HttpStatusCode.Found, $"POST {action} answered {(int)answer.Status}:\n{_harness.Portal.Logs.Warnings()}");
        return answer;
    }

    private Task<ProviderConnection> JansConnection() =>
        _harness.Portal.WithDatabaseAsync(db => db.Connections.AsNoTracking().SingleAsync(c => c.UserId == _janId));

    private Task<List<AuditEntry>> Audit(AuditAction action) =>
        _harness.Portal.WithDatabaseAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == action).OrderBy(e => e.Id).ToListAsync());

    private void AssertByAn(AuditEntry entry, Guid subjectId, string subjectName)
    {
        Assert.Equal(_anId, entry.ActorUserId);
        Assert.Equal("An Peeters", entry.ActorName);
        Assert.Equal(subjectId, entry.SubjectUserId);
        Assert.Equal(subjectName, entry.SubjectName);
        Assert.Equal(AdminAddress.ToString(), entry.ClientIp);
    }
}
