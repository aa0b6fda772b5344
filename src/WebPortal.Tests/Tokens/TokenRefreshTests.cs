using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebPortal.Data;
using WebPortal.Tests.Infrastructure;
using WebPortal.Tokens;

namespace WebPortal.Tests.Tokens;

/// <summary>The token store's own guards, whatever the provider (KlasCement here); refresh itself is <see cref="Providers.ProviderContractTests"/>'.</summary>
public sealed class TokenRefreshTests
{
    [Fact]
    public async Task Tokens_that_can_no_longer_be_decrypted_ask_for_a_reconnect()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInAsync();
        await harness.Portal.WithDatabaseAsync(db => db.Connections.ExecuteUpdateAsync(s => s
            .SetProperty(c => c.ProtectedAccessToken, "CfDJ8-not-a-payload-of-this-key-ring")
            .SetProperty(c => c.ProtectedRefreshToken, "CfDJ8-not-a-payload-of-this-key-ring")));
        await harness.ExpireStoredAccessTokensAsync();

        var profile = await browser.GetAsync("/profile");

        Assert.Equal(HttpStatusCode.OK, profile.Status);
        Assert.Contains("data-state=\"NeedsReconnect\"", profile.Html, StringComparison.Ordinal);
        Assert.Equal(0, harness.Sandbox.RefreshRequests);
    }

    [Fact]
    public async Task Marking_a_reconnect_does_not_undo_a_newer_sign_in()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInAsync();
        var stale = await harness.StoredConnectionAsync(Members.AnPeeters);
        await browser.SignInAsync();

        await using (var scope = harness.Portal.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProviderConnectionStore>().MarkNeedsReconnectAsync(stale, ReconnectReasons.Rejection("invalid_grant"), RefreshOutcomes.Rejected, CancellationToken.None);
        }

        var connection = Assert.Single(await harness.ConnectionsAsync());
        Assert.Equal(ConnectionStatus.Active, connection.Status);
        Assert.NotNull(connection.ProtectedRefreshToken);
    }
}
