using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WebPortal.Authentication.Admins;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Configuration;

public sealed class PortalAdminsConfigurationTests
{
    [Theory]
    [InlineData("532abc50af2c8", "Portal:Admins:0 must be written Provider:ExternalUserId, e.g. KlasCement:532abc50af2c8.")]
    [InlineData(":532abc50af2c8", "Portal:Admins:0 must be written Provider:ExternalUserId, e.g. KlasCement:532abc50af2c8.")]
    [InlineData("KlasCement:", "Portal:Admins:0 must be written Provider:ExternalUserId, e.g. KlasCement:532abc50af2c8.")]
    [InlineData("Smartschool:532abc50af2c8", "Portal:Admins:0 names an unknown provider; use one of KlasCement, MyOrganizer.")]
    public async Task A_malformed_admin_entry_stops_start_up_naming_the_key(string entry, string failure)
    {
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var portal = new PortalFactory(klasCement, new Dictionary<string, string?> { ["Portal:Admins:0"] = entry });

        Assert.ThrowsAny<Exception>(() => portal.Server);

        var critical = Assert.Single(portal.Logs.Entries, e => e.Level == LogLevel.Critical);
        Assert.Equal($"WebPortal cannot start: {failure}", critical.PlainMessage);
    }

    [Fact]
    public async Task A_member_named_in_Portal_Admins_becomes_an_admin_when_signing_in_and_others_do_not()
    {
        await using var harness = await PortalHarness.StartAsync(new Dictionary<string, string?> { ["Portal:Admins:0"] = $"KlasCement:{Members.AnPeeters}" });

        await harness.NewSession().SignInAsync(Members.AnPeeters);
        await harness.NewSession().SignInAsync(Members.JanJanssens);

        var users = await harness.UsersAsync();
        Assert.True(users.Single(u => u.DisplayName == "An Peeters").IsAdmin);
        Assert.False(users.Single(u => u.DisplayName == "Jan Janssens").IsAdmin);
    }

    [Fact]
    public async Task A_MyOrganizer_customer_is_named_by_provider_and_object_id()
    {
        await using var harness = await MyOrganizerHarness.StartAsync(new Dictionary<string, string?> { ["Portal:Admins:0"] = $"MyOrganizer:{Customers.LotteMaes}" });

        await harness.NewSession().SignInWithMyOrganizerAsync(Customers.LotteMaes);
        await harness.NewSession().SignInWithMyOrganizerAsync(Customers.PieterClaes);

        var users = await harness.UsersAsync();
        Assert.Equal(["Lotte Maes"], users.Where(u => u.IsAdmin).Select(u => u.DisplayName));
    }

    [Fact]
    public async Task In_the_Development_sandbox_An_Peeters_is_an_admin_beside_the_configured_ones()
    {
        await using var portal = new PortalFactory(
            standIn: null,
            new Dictionary<string, string?> { ["Sandbox:Enabled"] = "true", ["Portal:Admins:0"] = $"MyOrganizer:{Customers.SofieWouters}" },
            environment: "Development");

        var admins = portal.GetRequiredService<IOptions<PortalAdminsSettings>>().Value;

        Assert.True(admins.Names("KlasCement", Members.AnPeeters));
        Assert.True(admins.Names("MyOrganizer", Customers.SofieWouters));
        Assert.False(admins.Names("KlasCement", Members.JanJanssens));
    }
}
