using System.Net;
using WebPortal.Data;
using WebPortal.Sandbox.KlasCement;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Providers.KlasCement;

/// <summary>Token answers in shapes the note does not show: read what can be read, refuse the rest clearly.</summary>
public sealed class KlasCementAnswerShapeTests
{
    [Fact]
    public async Task A_numeric_user_id_is_the_member_id()
    {
        await using var harness = await PortalHarness.StartAsync(sandbox: options => options.Members.Add(new KlasCementSandboxMember(
            "123456789",
            new Dictionary<string, object?> { ["id"] = "123456789", ["first_name"] = "Numeriek", ["surname"] = "Lid" })));
        harness.Sandbox.ReshapeTokenAnswer = answer => answer["user_id"] = long.Parse((string)answer["user_id"], System.Globalization.CultureInfo.InvariantCulture);

        var profile = await harness.NewSession().SignInAsync("123456789");

        Assert.Contains("Numeriek Lid", profile.Text, StringComparison.Ordinal);
        Assert.Equal("123456789", Assert.Single(await harness.ConnectionsAsync()).ProviderUserId);
    }

    [Theory]
    [InlineData("3600")]
    [InlineData("3600.0")]
    public async Task Expires_in_as_a_string_sets_the_expiry(string expiresIn)
    {
        await using var harness = await PortalHarness.StartAsync();
        harness.Sandbox.ReshapeTokenAnswer = answer => answer["expires_in"] = expiresIn;

        await harness.NewSession().SignInAsync();

        var expiresAt = Assert.Single(await harness.ConnectionsAsync()).AccessTokenExpiresAt!.Value;
        Assert.InRange(expiresAt, DateTimeOffset.UtcNow.AddMinutes(55), DateTimeOffset.UtcNow.AddMinutes(61));
    }

    [Fact]
    public async Task A_token_answer_without_an_access_token_ends_the_sign_in_with_nothing_stored()
    {
        await using var harness = await PortalHarness.StartAsync();
        harness.Sandbox.ReshapeTokenAnswer = answer => answer.Remove("access_token");
        var browser = harness.NewSession();

        var page = await browser.GetAsync((await browser.ConsentAsync(await browser.StartSignInAsync())).PathAndQuery);

        Assert.Contains("data-reason=\"TokenEndpoint\"", page.Html, StringComparison.Ordinal);
        Assert.False(browser.HasSessionCookie);
        Assert.Empty(await harness.UsersAsync());
    }

    [Fact]
    public async Task A_token_answer_without_a_user_id_ends_the_sign_in_with_nothing_stored()
    {
        await using var harness = await PortalHarness.StartAsync();
        harness.Sandbox.ReshapeTokenAnswer = answer => answer.Remove("user_id");
        var browser = harness.NewSession();

        var page = await browser.GetAsync((await browser.ConsentAsync(await browser.StartSignInAsync())).PathAndQuery);

        Assert.Contains("data-reason=\"ProfileUnavailable\"", page.Html, StringComparison.Ordinal);
        Assert.Empty(await harness.UsersAsync());
        Assert.Equal(0, harness.Sandbox.ProfileRequests);
    }

    [Fact]
    public async Task A_sign_in_answer_without_a_refresh_token_works_until_the_token_expires_then_asks_for_a_reconnect()
    {
        await using var harness = await PortalHarness.StartAsync();
        harness.Sandbox.ReshapeTokenAnswer = answer => answer.Remove("refresh_token");
        var browser = harness.NewSession();

        var profile = await browser.SignInAsync();
        await harness.ExpireStoredAccessTokensAsync();
        var expired = await browser.GetAsync("/profile");

        Assert.Contains("An Peeters", profile.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, expired.Status);
        Assert.Contains("data-state=\"NeedsReconnect\"", expired.Html, StringComparison.Ordinal);
        Assert.Equal(0, harness.Sandbox.RefreshRequests);
        Assert.Equal(ConnectionStatus.NeedsReconnect, Assert.Single(await harness.ConnectionsAsync()).Status);
    }
}
