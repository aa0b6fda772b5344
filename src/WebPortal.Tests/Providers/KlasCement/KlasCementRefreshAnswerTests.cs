using Microsoft.Extensions.Logging;
using WebPortal.Data;
using WebPortal.Sandbox.KlasCement;
using WebPortal.Tests.Infrastructure;
using WebPortal.Tests.Providers.MyOrganizer;

namespace WebPortal.Tests.Providers.KlasCement;

/// <summary>KlasCement's refresh answer names its member (<c>user_id</c>): an answer for another member is refused.</summary>
public sealed class KlasCementRefreshAnswerTests
{
    [Fact]
    public async Task A_refresh_answer_for_another_member_stores_nothing_and_offers_to_reconnect()
    {
        await using var harness = await PortalHarness.StartAsync(MyOrganizerRefreshAnswerTests.Generous);
        var browser = harness.NewSession();
        await browser.SignInAsync(Members.AnPeeters);
        string? othersAccessToken = null;
        harness.Sandbox.ReshapeTokenAnswer = answer =>
        {
            othersAccessToken = harness.Sandbox.IssueAccessToken(Members.JanJanssens);
            answer["access_token"] = othersAccessToken;
            answer["user_id"] = Members.JanJanssens;
        };
        await harness.ExpireStoredAccessTokensAsync();

        var profile = await browser.GetAsync("/profile");

        Assert.Equal(1, harness.Sandbox.RefreshRequests);
        Assert.True(profile.Html.Contains("data-state=\"NeedsReconnect\"", StringComparison.Ordinal), harness.Portal.Logs.Warnings());
        Assert.Contains("Reconnect KlasCement", profile.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Jan Janssens", profile.Text, StringComparison.Ordinal);
        var connection = Assert.Single(await harness.ConnectionsAsync());
        Assert.Equal((ConnectionStatus.NeedsReconnect, Members.AnPeeters), (connection.Status, connection.ProviderUserId));
        var stored = await harness.StoredConnectionAsync(Members.AnPeeters);
        Assert.NotNull(othersAccessToken);
        Assert.NotEqual(othersAccessToken, stored.AccessToken);
        Assert.Null(stored.AccessToken);

        var warning = Assert.Single(harness.Portal.Logs.Entries, entry => entry.Id.Id == MyOrganizerRefreshAnswerTests.UntrustedRefreshAnswer);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.StartsWith("KlasCement's refresh answer for user ", warning.PlainMessage, StringComparison.Ordinal);
        Assert.All(harness.Portal.Logs.Entries, entry => Assert.All(harness.KlasCement.Secrets, secret => Assert.DoesNotContain(secret, entry.AllText, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("object")]
    [InlineData("empty")]
    [InlineData("array")]
    public async Task A_refresh_answer_whose_user_id_names_no_member_the_portal_can_compare_is_refused(string shape)
    {
        await using var harness = await PortalHarness.StartAsync(MyOrganizerRefreshAnswerTests.Generous);
        var browser = harness.NewSession();
        await browser.SignInAsync(Members.AnPeeters);
        harness.Sandbox.ReshapeTokenAnswer = answer => answer["user_id"] = shape switch
        {
            "true" => true,
            "object" => new Dictionary<string, object> { ["id"] = Members.AnPeeters },
            "array" => new[] { Members.AnPeeters },
            _ => "",
        };
        await harness.ExpireStoredAccessTokensAsync();

        var profile = await browser.GetAsync("/profile");

        Assert.Equal(1, harness.Sandbox.RefreshRequests);
        Assert.Contains("data-state=\"NeedsReconnect\"", profile.Html, StringComparison.Ordinal);
        Assert.Equal(ConnectionStatus.NeedsReconnect, Assert.Single(await harness.ConnectionsAsync()).Status);
        Assert.Null((await harness.StoredConnectionAsync(Members.AnPeeters)).AccessToken);
    }

    [Fact]
    public async Task A_refresh_answer_that_names_the_member_as_a_number_is_for_the_same_member()
    {
        await using var harness = await PortalHarness.StartAsync(MyOrganizerRefreshAnswerTests.Generous, sandbox: options => options.Members.Add(new KlasCementSandboxMember(
            "123456789",
            new Dictionary<string, object?> { ["id"] = "123456789", ["first_name"] = "Numeriek", ["surname"] = "Lid" })));
        var browser = harness.NewSession();
        await browser.SignInAsync("123456789");
        harness.Sandbox.ReshapeTokenAnswer = answer => answer["user_id"] = long.Parse((string)answer["user_id"], System.Globalization.CultureInfo.InvariantCulture);
        await harness.ExpireStoredAccessTokensAsync();

        var profile = await browser.GetAsync("/profile");

        Assert.Equal(1, harness.Sandbox.RefreshRequests);
        Assert.True(profile.Text.Contains("Numeriek Lid", StringComparison.Ordinal), harness.Portal.Logs.Warnings());
        Assert.Equal(ConnectionStatus.Active, Assert.Single(await harness.ConnectionsAsync()).Status);
    }
}
