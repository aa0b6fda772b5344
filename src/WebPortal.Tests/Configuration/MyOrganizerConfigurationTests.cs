using System.Net;
using Microsoft.Extensions.Logging;
using WebPortal.Sandbox;
using WebPortal.Sandbox.MyOrganizer;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Configuration;

public sealed class MyOrganizerConfigurationTests
{
    [Theory]
    [InlineData("AzureAdB2C:ClientSecret", "", "AzureAdB2C:ClientSecret is required when AzureAdB2C:ClientId is set.")]
    [InlineData("AzureAdB2C:Instance", "http://ringphonesso.b2clogin.com/", "AzureAdB2C:Instance must be an absolute https URL (http only on this machine's loopback interface).")]
    [InlineData("AzureAdB2C:TenantId", "ringphonesso.onmicrosoft.com", "AzureAdB2C:TenantId must be the tenant's id (a GUID such as 5c2e7d0a-91b4-4f3e-8a61-0d9b7e4c2f18), which B2C names in its issuer, or be left empty.")]
    [InlineData("AzureAdB2C:SignUpSignInPolicyId", "", "AzureAdB2C:SignUpSignInPolicyId is required and must not contain '/'.")]
    [InlineData("MyOrganizer:Scopes", " ", "MyOrganizer:Scopes must name the application scopes MyOrganizer granted (offline_access is added by the portal).")]
    [InlineData("MyOrganizerApi:BaseUrl", "", "MyOrganizerApi:BaseUrl must be an absolute http(s) URL.")]
    [InlineData("MyOrganizerApi:AppointmentsPath", "appointments", "MyOrganizerApi:AppointmentsPath must start with '/'.")]
    public async Task MyOrganizer_with_a_client_id_but_a_missing_or_wrong_key_stops_start_up_naming_the_key(string key, string value, string failure)
    {
        await using var myOrganizer = new MyOrganizerSandboxHost([MyOrganizerHarness.Callback]);
        var settings = new Dictionary<string, string?>(MyOrganizerSandboxSettings.For(myOrganizer)) { [key] = value };
        await using var portal = new PortalFactory(standIn: null, settings);

        Assert.ThrowsAny<Exception>(() => portal.Server);

        var critical = Assert.Single(portal.Logs.Entries, entry => entry.Level == LogLevel.Critical);
        Assert.Equal($"WebPortal cannot start: {failure}", critical.PlainMessage);
    }

    [Theory]
    [InlineData("a string, space-separated")]
    [InlineData("a string, comma-separated")]
    [InlineData("a list")]
    public async Task MyOrganizer_Scopes_is_read_as_a_string_or_as_a_list_and_each_scope_is_asked_for(string form)
    {
        await using var myOrganizer = await MyOrganizerSandboxHost.StartAsync([MyOrganizerHarness.Callback]);
        List<string> scopes = [.. myOrganizer.TenantOptions.ApiScopeUris, "https://ringphonesso.onmicrosoft.com/api/customers.read"];
        var settings = new Dictionary<string, string?>(MyOrganizerSandboxSettings.For(myOrganizer));
        switch (form)
        {
            case "a list":
                settings["MyOrganizer:Scopes"] = null;
                for (var i = 0; i < scopes.Count; i++)
                {
                    settings[$"MyOrganizer:Scopes:{i}"] = scopes[i];
                }

                break;
            case "a string, comma-separated":
                settings["MyOrganizer:Scopes"] = string.Join(", ", scopes);
                break;
            default:
                settings["MyOrganizer:Scopes"] = string.Join(' ', scopes);
                break;
        }

        await using var portal = new PortalFactory(standIn: null, settings);
        using var browser = new PortalSession(portal);

        var authorize = await browser.StartSignInAsync(provider: "MyOrganizer");

        var asked = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(authorize.Query)["scope"].ToString().Split(' ');
        Assert.Equal(scopes.Append("openid").Append("offline_access").Order(StringComparer.Ordinal), asked.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Without_a_client_id_MyOrganizer_is_switched_off_and_the_start_up_log_says_so()
    {
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var portal = new PortalFactory(klasCement);
        using var browser = new PortalSession(portal);
        await browser.SignInAsync();

        var start = await browser.GetAsync("/");
        var agenda = await browser.GetAsync("/agenda");
        var callback = await browser.GetAsync("/signin-myorganizer?code=x&state=y");

        Assert.DoesNotContain("MyOrganizer", start.Html.Replace("your KlasCement and MyOrganizer accounts", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("data-state=\"ProviderOff\"", agenda.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, callback.Status);
        Assert.Contains(portal.Logs.Entries, entry => entry.PlainMessage == "Sign-in with MyOrganizer is off: AzureAdB2C:ClientId is not set");
    }

    [Fact]
    public async Task The_start_page_offers_MyOrganizer_when_it_is_configured_and_the_start_up_log_says_so()
    {
        await using var harness = await MyOrganizerHarness.StartAsync();

        var start = await harness.NewSession().GetAsync("/");

        Assert.Contains("Sign in with MyOrganizer", start.Text, StringComparison.Ordinal);
        Assert.Contains(harness.Portal.Logs.Entries, entry => entry.PlainMessage == "Sign-in with MyOrganizer is on");
    }

    [Fact]
    public async Task A_B2C_tenant_that_cannot_be_reached_gives_a_clear_page_when_the_sign_in_starts()
    {
        var myOrganizer = new MyOrganizerSandboxHost([MyOrganizerHarness.Callback]);
        await using var portal = new PortalFactory(standIn: null, MyOrganizerSandboxSettings.For(myOrganizer));
        using var browser = new PortalSession(portal);

        var page = await browser.GetAsync((await browser.StartSignInAsync(provider: "MyOrganizer")).OriginalString);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("data-reason=\"ProviderUnreachable\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("MyOrganizer could not be reached to start the sign-in", page.Text, StringComparison.Ordinal);
        Assert.False(browser.HasSessionCookie);
    }
}
