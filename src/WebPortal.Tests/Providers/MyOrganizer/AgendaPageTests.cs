using System.Net;
using System.Text.Json;
using WebPortal.Sandbox.Gateway;
using WebPortal.Tests.Infrastructure;
using WebPortal.Providers.MyOrganizer;

namespace WebPortal.Tests.Providers.MyOrganizer;

/// <summary>The agenda page fetches the week live with the stored token, refreshes it when needed and says what went wrong.</summary>
public sealed class AgendaPageTests
{
    private static readonly DateOnly Monday = AgendaWeek.MondayOf(AgendaWeek.TodayAt(DateTimeOffset.UtcNow));

    [Fact]
    public async Task Concurrent_requests_store_B2Cs_rotated_refresh_token_and_the_spent_one_no_longer_works()
    {
        await using var harness = await MyOrganizerHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInWithMyOrganizerAsync();
        var before = await harness.StoredConnectionAsync(Customers.LotteMaes);
        await harness.ExpireStoredAccessTokensAsync();

        var pages = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => browser.GetAsync("/agenda")));

        Assert.All(pages, page => Assert.Contains("data-state=\"Shown\"", page.Html, StringComparison.Ordinal));
        Assert.Equal(1, harness.B2C.RefreshRequests);
        var after = await harness.StoredConnectionAsync(Customers.LotteMaes);
        Assert.NotEqual(before.RefreshToken, after.RefreshToken);
        Assert.NotEqual(before.AccessToken, after.AccessToken);
        Assert.Equal(harness.B2C.IssuedSecrets.Last(secret => secret == after.RefreshToken), after.RefreshToken);

        // B2C rotated the refresh token: the stored one is the one that still works, the old one is spent (and, as
        // B2C's reuse detection does, presenting it revokes the grant, so it is tried last).
        Assert.Equal(HttpStatusCode.OK, (await RefreshAtB2CAsync(harness, after.RefreshToken!)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await RefreshAtB2CAsync(harness, before.RefreshToken!)).Status);
        Assert.Equal(1, harness.B2C.ReplayedGrants);
    }

    [Theory]
    [InlineData("audience")]
    [InlineData("scope")]
    public async Task A_token_the_gateway_does_not_accept_even_after_a_refresh_offers_to_reconnect(string mismatch)
    {
        await using var harness = await MyOrganizerHarness.StartAsync(gateway: options =>
        {
            if (mismatch == "audience")
            {
                options.ApiAudience = "another-api";
            }
            else
            {
                options.AppointmentsScope = "appointments.write";
            }
        });
        var browser = harness.NewSession();

        var page = await browser.SignInWithMyOrganizerAsync();

        Assert.Equal(HttpStatusCode.BadGateway, page.Status);
        Assert.Contains("did not accept the portal's access to your agenda, even after renewing it", page.Text, StringComparison.Ordinal);
        Assert.Contains("Reconnect MyOrganizer", page.Text, StringComparison.Ordinal);
        Assert.Equal(1, harness.B2C.RefreshRequests);
        Assert.Empty(harness.Gateway.AppointmentsRequests);
    }

    [Fact]
    public async Task A_403_says_the_permissions_granted_to_the_portal_do_not_include_the_agenda()
    {
        await using var harness = await MyOrganizerHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInWithMyOrganizerAsync();
        harness.Gateway.AppointmentsBehaviour = AppointmentsBehaviour.Forbidden;

        var page = await browser.GetAsync("/agenda");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("data-state=\"PermissionDenied\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("The MyOrganizer permissions granted to this portal do not include your agenda", page.Text, StringComparison.Ordinal);
        Assert.Equal(0, harness.B2C.RefreshRequests);
        Assert.Equal(WebPortal.Data.ConnectionStatus.Active, Assert.Single(await harness.ConnectionsAsync()).Status);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task The_collection_pages_are_followed_to_the_last_one(int itemsPerPage)
    {
        await using var harness = await MyOrganizerHarness.StartAsync(gateway: options => options.ItemsPerPage = itemsPerPage);
        var browser = harness.NewSession();
        var expected = MyOrganizerSignInTests.Expected(Customers.LotteMaes, Monday);

        var page = await browser.SignInWithMyOrganizerAsync();

        Assert.Equal(expected.Count, MyOrganizerSignInTests.Appointments(page));
        var starts = harness.Gateway.AppointmentsRequests.Select(r => r.StartIndex).ToList();
        Assert.Equal(Enumerable.Range(0, PagesOf(Customers.LotteMaes, itemsPerPage)).Select(p => p * itemsPerPage), starts);
        foreach (var appointment in expected)
        {
            Assert.Contains((string)appointment["subject"], page.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_plain_array_of_appointments_is_read_too()
    {
        await using var harness = await MyOrganizerHarness.StartAsync();
        harness.Gateway.AppointmentsShape = AppointmentsShape.Array;
        var browser = harness.NewSession();

        var page = await browser.SignInWithMyOrganizerAsync();

        Assert.Equal(MyOrganizerSignInTests.Expected(Customers.LotteMaes, Monday).Count, MyOrganizerSignInTests.Appointments(page));
        Assert.Single(harness.Gateway.AppointmentsRequests);
    }

    [Theory]
    [InlineData(AppointmentsBehaviour.ServerError, HttpStatusCode.BadGateway, "MyOrganizer is having trouble right now")]
    [InlineData(AppointmentsBehaviour.MalformedJson, HttpStatusCode.BadGateway, "MyOrganizer sent an agenda the portal could not read")]
    [InlineData(AppointmentsBehaviour.Slow, HttpStatusCode.GatewayTimeout, "MyOrganizer took too long to answer")]
    public async Task An_API_that_fails_gives_a_clear_message_on_the_page(AppointmentsBehaviour behaviour, HttpStatusCode status, string message)
    {
        await using var harness = await MyOrganizerHarness.StartAsync(new Dictionary<string, string?>
        {
            // Well under the slow gateway's 30 s, and long enough for the sign-in's own calls to B2C (its metadata and
            // key set) on a loaded machine: with 1 s, the sign-in itself timed out now and then.
            ["ProviderHttp:Timeout"] = "00:00:05",
            ["ProviderHttp:GetRetries"] = "0",
        });
        var browser = harness.NewSession();
        await browser.SignInWithMyOrganizerAsync();
        harness.Gateway.AppointmentsBehaviour = behaviour;

        var page = await browser.GetAsync("/agenda");

        Assert.Equal(status, page.Status);
        Assert.Contains("data-state=\"Unavailable\"", page.Html, StringComparison.Ordinal);
        Assert.Contains(message, page.Text, StringComparison.Ordinal);
        Assert.Contains("Try again", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_without_a_MyOrganizer_connection_is_offered_to_connect()
    {
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var harness = await MyOrganizerHarness.StartAsync(klasCement: klasCement);
        var browser = harness.NewSession();
        await browser.SignInAsync(Members.AnPeeters);

        var page = await browser.GetAsync("/agenda");

        Assert.Contains("data-state=\"NotConnected\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("Connect MyOrganizer", page.Text, StringComparison.Ordinal);
        Assert.Empty(harness.Gateway.AppointmentsRequests);
    }

    private static int PagesOf(string customerId, int itemsPerPage) =>
        (MyOrganizerSignInTests.Expected(customerId, Monday).Count + itemsPerPage - 1) / itemsPerPage;

    /// <summary>Redeems a refresh token at B2C the way the portal does, to see whether it is still good.</summary>
    private static async Task<(HttpStatusCode Status, JsonElement Answer)> RefreshAtB2CAsync(MyOrganizerHarness harness, string refreshToken)
    {
        var tenant = harness.B2C.Options;
        using var http = new HttpClient();
        using var response = await http.PostAsync(
            $"{harness.MyOrganizer.BaseUrl}/{tenant.Domain}/{tenant.SignUpSignInPolicy.ToLowerInvariant()}/oauth2/v2.0/token",
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
                ["client_id"] = tenant.ClientId,
                ["client_secret"] = tenant.ClientSecret,
            }));
        return (response.StatusCode, JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync()));
    }
}
