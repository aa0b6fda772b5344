using System.Net;
using System.Text.RegularExpressions;
using WebPortal.Sandbox.Gateway;
using WebPortal.Tests.Infrastructure;
using WebPortal.Providers.MyOrganizer;

namespace WebPortal.Tests.Providers.MyOrganizer;

public sealed partial class MyOrganizerSignInTests
{
    [Fact]
    public async Task A_customer_signs_in_with_MyOrganizer_and_sees_this_weeks_agenda_then_the_next_week()
    {
        await using var harness = await MyOrganizerHarness.StartAsync();
        var browser = harness.NewSession();
        var monday = AgendaWeek.MondayOf(AgendaWeek.TodayAt(DateTimeOffset.UtcNow));

        var thisWeek = await browser.SignInWithMyOrganizerAsync(Customers.LotteMaes);
        var nextWeek = await browser.GetAsync($"/agenda?week={monday.AddDays(7):yyyy-MM-dd}");

        Assert.True(thisWeek.Path.StartsWith("/agenda", StringComparison.Ordinal), harness.Portal.Logs.Warnings());
        Assert.Equal(HttpStatusCode.OK, thisWeek.Status);
        Assert.Contains($"data-week=\"{monday:yyyy-MM-dd}\"", thisWeek.Html, StringComparison.Ordinal);
        Assert.Contains("Lotte Maes", thisWeek.Text, StringComparison.Ordinal);
        Assert.Equal(Expected(Customers.LotteMaes, monday).Count, Appointments(thisWeek));
        Assert.Contains("aria-current=\"date\"", thisWeek.Html, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, nextWeek.Status);
        Assert.Contains($"data-week=\"{monday.AddDays(7):yyyy-MM-dd}\"", nextWeek.Html, StringComparison.Ordinal);
        Assert.Equal(Expected(Customers.LotteMaes, monday.AddDays(7)).Count, Appointments(nextWeek));
        Assert.DoesNotContain("aria-current=\"date\"", nextWeek.Html, StringComparison.Ordinal);
        Assert.Contains(harness.Gateway.AppointmentsRequests, r => r.From == $"{monday.AddDays(7):yyyy-MM-dd}" && r.To == $"{monday.AddDays(13):yyyy-MM-dd}");
        Assert.All(harness.Gateway.AppointmentsRequests, r => Assert.Equal(Customers.LotteMaes, r.CustomerId));
    }

    [Fact]
    public async Task The_sign_in_uses_the_code_flow_with_PKCE_and_the_client_secret_in_the_body_and_stores_the_tokens()
    {
        await using var harness = await MyOrganizerHarness.StartAsync();
        var browser = harness.NewSession();

        var authorize = await browser.StartSignInAsync(provider: "MyOrganizer");
        await browser.GetAsync((await browser.AnswerMyOrganizerAsync(authorize)).PathAndQuery);

        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(authorize.Query);
        Assert.Equal("/ringphonesso.onmicrosoft.com/b2c_1_myorganizer_login/oauth2/v2.0/authorize", authorize.AbsolutePath);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        string[] scopes = ["openid", "offline_access", .. harness.B2C.Options.ApiScopeUris];
        Assert.Equal(scopes.Order(), query["scope"].ToString().Split(' ').Order());
        Assert.Equal(MyOrganizerHarness.Callback, query["redirect_uri"]);

        var tokenRequest = Assert.Single(harness.B2C.TokenRequests);
        Assert.Equal(("authorization_code", true, true), (tokenRequest.GrantType, tokenRequest.HasClientSecret, tokenRequest.HasCodeVerifier));

        var connection = Assert.Single(await harness.ConnectionsAsync());
        Assert.Equal(("MyOrganizer", Customers.LotteMaes), (connection.Provider, connection.ProviderUserId));
        var stored = await harness.StoredConnectionAsync(Customers.LotteMaes);
        Assert.Contains(stored.AccessToken, harness.B2C.IssuedSecrets);
        Assert.Contains(stored.RefreshToken, harness.B2C.IssuedSecrets);
        Assert.InRange(stored.ExpiresAt!.Value, DateTimeOffset.UtcNow.AddMinutes(55), DateTimeOffset.UtcNow.AddMinutes(61));
        var user = Assert.Single(await harness.UsersAsync());
        Assert.Equal(("Lotte Maes", "lotte.maes@example.be"), (user.DisplayName, user.Email));

        // The access token looks like B2C's: for the API's audience, with the tenant, the user flow and the scopes.
        var accessToken = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(stored.AccessToken);
        Assert.Equal(harness.B2C.Options.ApiClientId, Assert.Single(accessToken.Audiences));
        Assert.Equal($"{harness.MyOrganizer.BaseUrl}/{harness.B2C.Options.TenantId}/v2.0/", accessToken.Issuer);
        Assert.Equal("RS256", accessToken.Alg);
        Assert.Equal(harness.B2C.Options.TenantId, accessToken.GetClaim("tid").Value);
        Assert.Equal("B2C_1_MyOrganizer_Login", accessToken.GetClaim("tfp").Value);
        Assert.Equal("lotte.maes@example.be", accessToken.GetClaim("emails").Value);
        Assert.Equal("appointments.read", accessToken.GetClaim("scp").Value);
    }

    [Fact]
    public async Task Forgot_password_leads_into_the_password_reset_flow_and_from_there_signed_in()
    {
        await using var harness = await MyOrganizerHarness.StartAsync();
        var browser = harness.NewSession();

        var forgot = await browser.AnswerMyOrganizerAsync(await browser.StartSignInAsync(provider: "MyOrganizer"), action: "forgot");
        var toReset = await browser.GetAsync(forgot.PathAndQuery);
        var resetCallback = await browser.AnswerMyOrganizerAsync(toReset.Location!, Customers.PieterClaes);
        var page = await browser.GetAsync(resetCallback.PathAndQuery);

        Assert.Contains("error_description=AADB2C90118", forgot.Query, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Found, toReset.Status);
        Assert.Equal("/ringphonesso.onmicrosoft.com/b2c_1_myorganizer_passwordreset/oauth2/v2.0/authorize", toReset.Location!.AbsolutePath);
        Assert.True(page.Path.StartsWith("/agenda", StringComparison.Ordinal), harness.Portal.Logs.Warnings());
        Assert.Contains("Pieter Claes", page.Text, StringComparison.Ordinal);
        var redeemed = Assert.Single(harness.B2C.TokenRequests);
        Assert.Equal("b2c_1_myorganizer_passwordreset", redeemed.Policy, ignoreCase: true);
        Assert.Single(await harness.ConnectionsAsync());
    }

    [Fact]
    public async Task Cancelling_at_MyOrganizer_goes_back_to_the_start_page_with_a_short_message_and_stores_nothing()
    {
        await using var harness = await MyOrganizerHarness.StartAsync();
        var browser = harness.NewSession();

        var cancelled = await browser.AnswerMyOrganizerAsync(await browser.StartSignInAsync(provider: "MyOrganizer"), action: "cancel");
        var page = await browser.GetAsync(cancelled.PathAndQuery);

        Assert.Contains("error_description=AADB2C90091", cancelled.Query, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.StartsWith("/?cancelled=MyOrganizer", page.Path, StringComparison.Ordinal);
        Assert.Contains("You cancelled signing in with MyOrganizer", page.Text, StringComparison.Ordinal);
        Assert.Contains("Not signed in", page.Text, StringComparison.Ordinal);
        Assert.False(browser.HasSessionCookie);
        Assert.Empty(harness.B2C.TokenRequests);
        Assert.Empty(await harness.UsersAsync());
    }

    [Fact]
    public async Task Another_B2C_error_ends_on_the_error_page_with_a_reference_and_stores_nothing()
    {
        // A scope MyOrganizer never granted: B2C sends the browser back with error=invalid_scope.
        await using var harness = await MyOrganizerHarness.StartAsync(new Dictionary<string, string?> { ["MyOrganizer:Scopes"] = "https://ringphonesso.onmicrosoft.com/myorganizer-api/appointments.write" });
        var browser = harness.NewSession();
        var authorize = await browser.StartSignInAsync(provider: "MyOrganizer");

        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var refused = await http.GetAsync(authorize);

        Assert.True(refused.Headers.Location is not null, $"{(int)refused.StatusCode} {await refused.Content.ReadAsStringAsync()}");
        Assert.Contains("error=invalid_scope", refused.Headers.Location!.Query, StringComparison.Ordinal);
        var page = await browser.GetAsync(refused.Headers.Location!.PathAndQuery);
        await SignInAssert.FailedAsync(harness.Portal, browser, page, "ProviderError", "MyOrganizer reported a problem");
        Assert.Matches(ReferenceLine(), page.Text);
    }

    [Fact]
    public async Task A_person_signed_in_with_KlasCement_links_MyOrganizer_to_the_same_portal_account()
    {
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var harness = await MyOrganizerHarness.StartAsync(klasCement: klasCement);
        var browser = harness.NewSession();

        await browser.SignInAsync(Members.AnPeeters);
        var agenda = await browser.SignInWithMyOrganizerAsync(Customers.LotteMaes);
        var home = await browser.GetAsync("/");

        var user = Assert.Single(await harness.UsersAsync());
        Assert.Equal(["KlasCement", "MyOrganizer"], (await harness.ConnectionsAsync()).Select(c => c.Provider).Order());
        Assert.All(await harness.ConnectionsAsync(), c => Assert.Equal(user.Id, c.UserId));
        Assert.Contains("data-state=\"Shown\"", agenda.Html, StringComparison.Ordinal);
        Assert.Contains("An Peeters", home.Text, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(home.Html, "status-ok"));
    }

    [Fact]
    public async Task A_customer_with_an_empty_agenda_sees_that_there_are_no_appointments()
    {
        await using var harness = await MyOrganizerHarness.StartAsync();
        var browser = harness.NewSession();

        var page = await browser.SignInWithMyOrganizerAsync(Customers.SofieWouters);

        Assert.Contains("data-state=\"Shown\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("No appointments this week.", page.Text, StringComparison.Ordinal);
        Assert.Equal(0, Appointments(page));
    }

    internal static int Appointments(PortalPage page) => Regex.Count(page.Html, "data-testid=\"appointment\"");

    internal static IReadOnlyList<Dictionary<string, object>> Expected(string customerId, DateOnly monday) =>
        SandboxAgenda.For(customerId, "", monday, monday.AddDays(6));

    [GeneratedRegex(@"Reference for support:\s+\S{8,}")]
    private static partial Regex ReferenceLine();
}
