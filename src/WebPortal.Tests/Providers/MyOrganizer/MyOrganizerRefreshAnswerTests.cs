using Microsoft.Extensions.Logging;
using WebPortal.Data;
using WebPortal.Sandbox.MyOrganizer;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Providers.MyOrganizer;

/// <summary>
/// A refresh answer is trusted only when it is for the same customer, from the same tenant, for this client (OpenID
/// Connect Core 12.2): anything else is stored nowhere, and the customer is asked to reconnect.
/// </summary>
public sealed class MyOrganizerRefreshAnswerTests
{
    /// <summary>AccessTokenService's event: a refresh answer that was refused; nothing stored, a reconnect asked.</summary>
    internal const int UntrustedRefreshAnswer = 2007;

    /// <summary>These tests are not about slow providers: a loaded machine must not turn a refresh into a timeout.</summary>
    internal static readonly IReadOnlyDictionary<string, string?> Generous = new Dictionary<string, string?> { ["ProviderHttp:Timeout"] = "00:00:30" };

    [Theory]
    [InlineData(TokenAnswerFault.IdTokenForAnotherCustomer)]
    [InlineData(TokenAnswerFault.IdTokenFromAnotherIssuer)]
    [InlineData(TokenAnswerFault.IdTokenForAnotherAudience)]
    [InlineData(TokenAnswerFault.IdTokenForAnotherTenant)]
    [InlineData(TokenAnswerFault.IdTokenWithBadSignature)]
    [InlineData(TokenAnswerFault.AccessTokenForAnotherCustomer)]
    [InlineData(TokenAnswerFault.AnotherCustomer)]
    public async Task A_refresh_answer_for_someone_or_somewhere_else_stores_nothing_and_offers_to_reconnect(TokenAnswerFault fault)
    {
        await using var harness = await MyOrganizerHarness.StartAsync(Generous);
        var browser = harness.NewSession();
        await browser.SignInWithMyOrganizerAsync(Customers.LotteMaes);
        harness.B2C.RefreshAnswerFault = fault;
        await harness.ExpireStoredAccessTokensAsync();
        var issuedBefore = harness.B2C.IssuedSecrets.Count;

        var page = await browser.GetAsync("/agenda");

        Assert.Equal(1, harness.B2C.RefreshRequests);
        Assert.True(page.Html.Contains("data-state=\"NeedsReconnect\"", StringComparison.Ordinal), harness.Portal.Logs.Warnings());
        Assert.Contains("Reconnect MyOrganizer", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Pieter Claes", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Groepspraktijk Claes", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Gateway.AppointmentsRequests, request => request.CustomerId == Customers.PieterClaes);

        var connection = Assert.Single(await harness.ConnectionsAsync());
        Assert.Equal((ConnectionStatus.NeedsReconnect, Customers.LotteMaes), (connection.Status, connection.ProviderUserId));
        var stored = await harness.StoredConnectionAsync(Customers.LotteMaes);
        string[] refreshAnswer = [.. harness.B2C.IssuedSecrets.Skip(issuedBefore)];
        Assert.NotEmpty(refreshAnswer);
        Assert.DoesNotContain(stored.AccessToken, refreshAnswer);
        Assert.DoesNotContain(stored.RefreshToken, refreshAnswer);
        Assert.Null(stored.AccessToken);
        Assert.Null(stored.RefreshToken);

        var warning = Assert.Single(harness.Portal.Logs.Entries, entry => entry.Id.Id == UntrustedRefreshAnswer);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.StartsWith("MyOrganizer's refresh answer for user ", warning.PlainMessage, StringComparison.Ordinal);
        Assert.All(harness.Portal.Logs.Entries, entry => Assert.All(harness.Secrets, secret => Assert.DoesNotContain(secret, entry.AllText, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_refresh_answer_whose_id_token_names_the_same_customer_is_stored_and_used()
    {
        await using var harness = await MyOrganizerHarness.StartAsync(Generous);
        var browser = harness.NewSession();
        await browser.SignInWithMyOrganizerAsync(Customers.LotteMaes);
        await harness.ExpireStoredAccessTokensAsync();
        var issuedBefore = harness.B2C.IssuedSecrets.Count;

        var page = await browser.GetAsync("/agenda");

        Assert.True(page.Html.Contains("data-state=\"Shown\"", StringComparison.Ordinal), harness.Portal.Logs.Warnings());
        Assert.Contains("Lotte Maes", page.Text, StringComparison.Ordinal);
        var refreshAnswer = harness.B2C.IssuedSecrets.Skip(issuedBefore).ToList();
        Assert.Equal(3, refreshAnswer.Count); // access token, id_token and the rotated refresh token
        var stored = await harness.StoredConnectionAsync(Customers.LotteMaes);
        Assert.Contains(stored.AccessToken, refreshAnswer);
        Assert.Contains(stored.RefreshToken, refreshAnswer);
        Assert.Equal(ConnectionStatus.Active, stored.Status);
    }
}
