using System.Net;
using WebPortal.Data;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Authentication.ExternalSignIn;

public sealed class AccountLinkingTests
{
    [Fact]
    public async Task A_signed_in_person_who_connects_an_account_links_it_to_their_portal_user()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInAsync(Members.AnPeeters);
        var user = Assert.Single(await harness.UsersAsync());
        await harness.RemoveConnectionsAsync();

        var authorize = await browser.PostSignInFormAsync("/profile");
        var profile = await browser.GetAsync((await browser.ConsentAsync(authorize, Members.JanJanssens)).PathAndQuery);

        Assert.Contains("Jan Janssens", profile.Text, StringComparison.Ordinal);
        Assert.Equal(user.Id, Assert.Single(await harness.UsersAsync()).Id);
        var connection = Assert.Single(await harness.ConnectionsAsync());
        Assert.Equal((user.Id, Members.JanJanssens), (connection.UserId, connection.ProviderUserId));
    }

    [Fact]
    public async Task An_account_linked_to_another_portal_user_is_refused_and_nothing_changes()
    {
        await using var harness = await PortalHarness.StartAsync();
        var an = harness.NewSession(IPAddress.Parse("203.0.113.7"));
        await an.SignInAsync(Members.AnPeeters);
        await harness.NewSession().SignInAsync(Members.JanJanssens);
        var before = await harness.ConnectionsAsync();
        var entriesBefore = await harness.Portal.AuditEntriesAsync();

        var authorize = await an.PostSignInFormAsync("/");
        var page = await an.GetAsync((await an.ConsentAsync(authorize, Members.JanJanssens)).PathAndQuery);

        Assert.Contains("data-reason=\"AccountLinkConflict\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("already linked to another portal account", page.Text, StringComparison.Ordinal);
        Assert.Equal(
            before.Select(c => (c.UserId, c.ProviderUserId, c.ProtectedAccessToken)).OrderBy(c => c.ProviderUserId),
            (await harness.ConnectionsAsync()).Select(c => (c.UserId, c.ProviderUserId, c.ProtectedAccessToken)).OrderBy(c => c.ProviderUserId));
        Assert.Contains("An Peeters", (await an.GetAsync("/profile")).Text, StringComparison.Ordinal);
        var anUser = (await harness.UsersAsync()).Single(u => u.DisplayName == "An Peeters");
        var refused = Assert.Single((await harness.Portal.AuditEntriesAsync()).Skip(entriesBefore.Count));
        Assert.Equal(AuditAction.LinkRefused, refused.Action);
        Assert.Equal(
            (anUser.Id, anUser.Id, "KlasCement", Members.JanJanssens, "linked_to_another_user", "203.0.113.7"),
            (refused.ActorUserId, refused.SubjectUserId, refused.Provider, refused.ExternalUserId, refused.Detail, refused.ClientIp));
    }
}
