using System.Net;
using WebPortal.Data;
using WebPortal.Sandbox.KlasCement;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Accounts;

/// <summary>
/// What a person's own actions write to the audit log: who, what, whom, when and from which address. The peers are
/// the in-memory server's connection addresses (documentation ranges): nothing is sent to them.
/// </summary>
public sealed class AccountAuditTests
{
    private static readonly IPAddress Peer = IPAddress.Parse("203.0.113.7");
    private static readonly IPAddress Proxy = IPAddress.Parse("192.0.2.10");
    private const string ForwardedClient = "198.51.100.7";

    [Fact]
    public async Task A_first_sign_in_records_the_first_link_and_the_sign_in()
    {
        await using var harness = await PortalHarness.StartAsync();
        var before = DateTimeOffset.UtcNow;

        await harness.NewSession(Peer).SignInAsync(Members.AnPeeters);

        var user = Assert.Single(await harness.UsersAsync());
        var entries = await harness.Portal.AuditEntriesAsync();
        Assert.Equal([AuditAction.FirstLink, AuditAction.SignedIn], entries.Select(e => e.Action));
        Assert.All(entries, e => AuditAssert.Entry(e, user.Id, user.Id, "KlasCement", Members.AnPeeters, null, Peer.ToString(), before));
        Assert.All(entries, e => Assert.Equal(("An Peeters", "An Peeters"), (e.ActorName, e.SubjectName)));
    }

    [Fact]
    public async Task A_later_sign_in_records_only_the_sign_in()
    {
        await using var harness = await PortalHarness.StartAsync();
        await harness.NewSession().SignInAsync(Members.AnPeeters);
        var before = DateTimeOffset.UtcNow;

        await harness.NewSession(Peer).SignInAsync(Members.AnPeeters);

        var user = Assert.Single(await harness.UsersAsync());
        var latest = (await harness.Portal.AuditEntriesAsync()).Skip(2).ToList();
        var signedIn = Assert.Single(latest);
        Assert.Equal(AuditAction.SignedIn, signedIn.Action);
        AuditAssert.Entry(signedIn, user.Id, user.Id, "KlasCement", Members.AnPeeters, null, Peer.ToString(), before);
    }

    [Fact]
    public async Task Linking_another_provider_records_the_link_but_no_sign_in()
    {
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var harness = await MyOrganizerHarness.StartAsync(klasCement: klasCement);
        using var browser = new PortalSession(harness.Portal, peer: Peer);
        await browser.SignInAsync(Members.AnPeeters);
        var before = DateTimeOffset.UtcNow;

        await browser.SignInWithMyOrganizerAsync(Customers.LotteMaes);

        var user = Assert.Single(await harness.UsersAsync());
        var linked = Assert.Single((await harness.Portal.AuditEntriesAsync()).Skip(2));
        Assert.Equal(AuditAction.ProviderLinked, linked.Action);
        AuditAssert.Entry(linked, user.Id, user.Id, "MyOrganizer", Customers.LotteMaes, null, Peer.ToString(), before);
    }

    [Fact]
    public async Task A_refused_refresh_records_that_a_reconnect_is_needed_with_the_reason_code_and_reconnecting_records_it()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession(Peer);
        await browser.SignInAsync(Members.AnPeeters);
        var user = Assert.Single(await harness.UsersAsync());
        harness.Sandbox.RefreshEndpoint = SandboxBehaviour.InvalidGrant;
        await harness.ExpireStoredAccessTokensAsync();
        var before = harness.Portal.Clock.GetUtcNow();

        await browser.GetAsync("/profile");
        var needed = Assert.Single(await harness.Portal.AuditEntriesAsync(), e => e.Action == AuditAction.ReconnectNeeded);
        harness.Sandbox.RefreshEndpoint = SandboxBehaviour.Normal;
        var authorize = await browser.PostSignInFormAsync("/profile");
        await browser.GetAsync((await browser.ConsentAsync(authorize)).PathAndQuery);

        AuditAssert.Entry(needed, null, user.Id, "KlasCement", Members.AnPeeters, "invalid_grant", Peer.ToString(), before, harness.Portal.Clock.GetUtcNow());
        Assert.Null(needed.ActorName);
        var afterReconnect = (await harness.Portal.AuditEntriesAsync()).Where(e => e.Id > needed.Id).ToList();
        var reconnected = Assert.Single(afterReconnect);
        Assert.Equal(AuditAction.Reconnected, reconnected.Action);
        AuditAssert.Entry(reconnected, user.Id, user.Id, "KlasCement", Members.AnPeeters, null, Peer.ToString(), before, harness.Portal.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Disconnecting_and_deleting_the_account_are_recorded_with_the_person_as_actor()
    {
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var harness = await MyOrganizerHarness.StartAsync(klasCement: klasCement);
        using var browser = new PortalSession(harness.Portal, peer: Peer);
        await browser.SignInAsync(Members.AnPeeters);
        await browser.SignInWithMyOrganizerAsync(Customers.LotteMaes);
        var user = Assert.Single(await harness.UsersAsync());
        var before = DateTimeOffset.UtcNow;

        await browser.SubmitAsync("/account/disconnect/MyOrganizer", "/account/disconnect/MyOrganizer");
        await browser.SubmitAsync("/account/delete", "/account/delete");

        var entries = (await harness.Portal.AuditEntriesAsync()).Skip(3).ToList();
        Assert.Equal([AuditAction.Unlinked, AuditAction.AccountDeleted], entries.Select(e => e.Action));
        AuditAssert.Entry(entries[0], user.Id, user.Id, "MyOrganizer", Customers.LotteMaes, null, Peer.ToString(), before);
        AuditAssert.Entry(entries[1], user.Id, user.Id, null, null, "KlasCement", Peer.ToString(), before);
    }

    [Fact]
    public async Task An_identity_named_in_Portal_Admins_is_granted_the_role_by_the_portal_at_sign_in()
    {
        await using var harness = await PortalHarness.StartAsync(new Dictionary<string, string?> { ["Portal:Admins:0"] = $"KlasCement:{Members.AnPeeters}" });
        var before = DateTimeOffset.UtcNow;

        await harness.NewSession(Peer).SignInAsync(Members.AnPeeters);
        await harness.NewSession(Peer).SignInAsync(Members.AnPeeters);

        var user = Assert.Single(await harness.UsersAsync());
        Assert.True(user.IsAdmin);
        var granted = Assert.Single(await harness.Portal.AuditEntriesAsync(), e => e.Action == AuditAction.AdminGranted);
        AuditAssert.Entry(granted, null, user.Id, "KlasCement", Members.AnPeeters, "Portal:Admins", Peer.ToString(), before);
    }

    public static TheoryData<string, Dictionary<string, string?>, string> ForwardedSettings => new()
    {
        {
            "forwarded headers from the configured proxy",
            new Dictionary<string, string?> { ["ForwardedHeaders:Enabled"] = "true", ["ForwardedHeaders:KnownProxies:0"] = Proxy.ToString() },
            ForwardedClient
        },
        { "forwarded headers switched off", new Dictionary<string, string?>(), Proxy.ToString() },
        {
            "forwarded headers from a peer that is not the configured proxy",
            new Dictionary<string, string?> { ["ForwardedHeaders:Enabled"] = "true", ["ForwardedHeaders:KnownProxies:0"] = "192.0.2.99" },
            Proxy.ToString()
        },
    };

    [Theory]
    [MemberData(nameof(ForwardedSettings))]
    public async Task The_client_address_is_the_forwarded_one_only_when_forwarded_headers_are_believed(string because, Dictionary<string, string?> settings, string expected)
    {
        await using var harness = await PortalHarness.StartAsync(settings);
        var browser = harness.NewSession(Proxy);
        browser.Portal.DefaultRequestHeaders.Add("X-Forwarded-For", ForwardedClient);

        await browser.SignInAsync(Members.AnPeeters);
        await browser.SubmitAsync("/account/delete", "/account/delete");

        var entries = await harness.Portal.AuditEntriesAsync();
        Assert.Equal([AuditAction.FirstLink, AuditAction.SignedIn, AuditAction.AccountDeleted], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.True(e.ClientIp == expected, $"{because}: {e.Action} has {e.ClientIp}, not {expected}."));
    }
}

internal static class AuditAssert
{
    /// <summary>
    /// The entry names who did it, whom it concerned, the provider's account, the code, the client address, and a time
    /// since <paramref name="since"/> and until <paramref name="until"/> (now by default), both read on the portal's clock.
    /// </summary>
    public static void Entry(AuditEntry entry, Guid? actor, Guid? subject, string? provider, string? externalUserId, string? detail, string clientIp, DateTimeOffset since, DateTimeOffset? until = null)
    {
        Assert.Equal((actor, subject, provider, externalUserId, detail, clientIp), (entry.ActorUserId, entry.SubjectUserId, entry.Provider, entry.ExternalUserId, entry.Detail, entry.ClientIp));
        Assert.InRange(entry.At, since.AddSeconds(-1), until ?? DateTimeOffset.UtcNow);
        Assert.Equal(TimeSpan.Zero, entry.At.Offset);
    }
}
