using WebPortal.Authentication;
using WebPortal.Providers;
using WebPortal.Tests.Accounts;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Providers;

/// <summary>
/// The start page, the navigation and the account page name no provider themselves: they show whatever descriptors
/// the provider modules registered. A third provider, known to the catalog only, shows up on all three.
/// </summary>
public sealed class ProviderDescriptorPagesTests
{
    private static readonly ProviderDescriptor Smartschool = new("Smartschool", "Smartschool", "/smartschool", "Smartschool courses", Order: 3);

    [Fact]
    public async Task The_start_page_offers_a_sign_in_button_per_enabled_descriptor()
    {
        await using var harness = await PortalHarness.StartAsync();
        AddToCatalog(harness, Smartschool);

        var start = await harness.NewSession().GetAsync("/");

        Assert.Contains("Sign in with KlasCement", start.Text, StringComparison.Ordinal);
        Assert.Contains("Sign in with Smartschool", start.Text, StringComparison.Ordinal);
        Assert.Contains("action=\"/account/signin/Smartschool\"", start.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_navigation_links_each_enabled_descriptors_landing_page_with_its_label()
    {
        await using var harness = await PortalHarness.StartAsync();
        AddToCatalog(harness, Smartschool);
        var browser = harness.NewSession();
        await browser.SignInAsync();

        var page = await browser.GetAsync("/account");

        Assert.Contains("<a href=\"/profile\" data-testid=\"nav-KlasCement\">KlasCement profile</a>", page.Html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/smartschool\" data-testid=\"nav-Smartschool\">Smartschool courses</a>", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_switched_off_descriptor_has_no_button_and_no_link()
    {
        await using var harness = await PortalHarness.StartAsync();
        AddToCatalog(harness, Smartschool, disabledBecause: "Smartschool:ClientId is not set");
        var browser = harness.NewSession();

        var start = await browser.GetAsync("/");
        await browser.SignInAsync();
        var account = await browser.GetAsync("/account");

        Assert.DoesNotContain("Sign in with Smartschool", start.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("nav-Smartschool", account.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Connect Smartschool", account.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_account_page_lists_each_enabled_descriptor_with_its_state()
    {
        await using var harness = await PortalHarness.StartAsync();
        AddToCatalog(harness, Smartschool);
        var browser = harness.NewSession();
        await browser.SignInAsync();

        var page = await browser.GetAsync("/account");

        Assert.Equal("Active", MyAccounts.State(page, "KlasCement"));
        Assert.Equal("NotConnected", MyAccounts.State(page, "Smartschool"));
        Assert.Contains("Connect Smartschool", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_provider_module_of_the_portal_is_found_in_its_order()
    {
        Assert.Equal(["KlasCement", "MyOrganizer"], ProviderModules.All.Select(module => module.Descriptor.Scheme));
    }

    private static void AddToCatalog(PortalHarness harness, ProviderDescriptor descriptor, string? disabledBecause = null) =>
        harness.Portal.GetRequiredService<ExternalProviderCatalog>().Add(new ExternalProvider(descriptor, disabledBecause));
}
