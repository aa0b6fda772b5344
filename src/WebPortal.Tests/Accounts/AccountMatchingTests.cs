using WebPortal.Data;
using WebPortal.Sandbox.MyOrganizer;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Accounts;

/// <summary>External accounts are matched on the provider and its own identifier, never on an e-mail address.</summary>
public sealed class AccountMatchingTests
{
    /// <summary>A MyOrganizer customer with the e-mail address of the KlasCement member An Peeters.</summary>
    private const string SameEmailCustomer = "d4c3b2a1-0f9e-4d8c-8b7a-6e5f4d3c2b10";

    private const string AnPeetersEmail = "an.peeters@example.be";

    [Fact]
    public async Task Two_external_accounts_with_the_same_e_mail_are_two_portal_users()
    {
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var harness = await MyOrganizerHarness.StartAsync(klasCement: klasCement, b2c: WithSameEmailCustomer);
        var viaKlasCement = harness.NewSession();
        var viaMyOrganizer = harness.NewSession();

        await viaKlasCement.SignInAsync(Members.AnPeeters);
        await viaMyOrganizer.SignInWithMyOrganizerAsync(SameEmailCustomer);

        var users = await harness.UsersAsync();
        Assert.Equal(2, users.Count);
        Assert.All(users, u => Assert.Equal(AnPeetersEmail, u.Email, ignoreCase: true));
        var connections = await harness.ConnectionsAsync();
        Assert.Equal(2, connections.Select(c => c.UserId).Distinct().Count());
        Assert.Equal("NotConnected", MyAccounts.State(await viaKlasCement.GetAsync("/account"), "MyOrganizer"));
        Assert.Equal("NotConnected", MyAccounts.State(await viaMyOrganizer.GetAsync("/account"), "KlasCement"));
        Assert.Equal(2, (await harness.Portal.AuditEntriesAsync()).Count(e => e.Action == AuditAction.FirstLink));
    }

    [Fact]
    public async Task Linking_the_other_account_of_another_portal_user_is_refused_until_that_user_is_gone_and_then_joins_them()
    {
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var harness = await MyOrganizerHarness.StartAsync(klasCement: klasCement, b2c: WithSameEmailCustomer);
        var viaKlasCement = harness.NewSession();
        var viaMyOrganizer = harness.NewSession();
        await viaKlasCement.SignInAsync(Members.AnPeeters);
        await viaMyOrganizer.SignInWithMyOrganizerAsync(SameEmailCustomer);
        var an = (await harness.ConnectionsAsync()).Single(c => c.Provider == "KlasCement").UserId;

        var refused = await Link(viaKlasCement);
        await viaMyOrganizer.SubmitAsync("/account/delete", "/account/delete");
        var linked = await Link(viaKlasCement);

        Assert.Contains("data-reason=\"AccountLinkConflict\"", refused.Html, StringComparison.Ordinal);
        Assert.Equal("/account", linked.Path);
        Assert.Equal("Active", MyAccounts.State(linked, "MyOrganizer"));
        Assert.Equal(an, Assert.Single(await harness.UsersAsync()).Id);
        Assert.All(await harness.ConnectionsAsync(), c => Assert.Equal(an, c.UserId));
        Assert.Equal(
            [AuditAction.LinkRefused, AuditAction.AccountDeleted, AuditAction.ProviderLinked],
            (await harness.Portal.AuditEntriesAsync()).Skip(4).Select(e => e.Action));

        async Task<PortalPage> Link(PortalSession browser)
        {
            var authorize = await browser.StartConnectAsync("/account", "MyOrganizer", "/account");
            return await browser.GetAsync((await browser.AnswerMyOrganizerAsync(authorize, SameEmailCustomer)).PathAndQuery);
        }
    }

    private static void WithSameEmailCustomer(B2CSandboxOptions options) =>
        options.Customers.Add(new B2CSandboxCustomer(SameEmailCustomer, "An Peeters", AnPeetersEmail, "Praktijk Peeters, Hasselt"));
}
