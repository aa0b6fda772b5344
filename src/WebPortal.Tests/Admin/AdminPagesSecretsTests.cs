using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Admin;

/// <summary>The admin pages show every connection's state but never a token, not even a part of one.</summary>
public sealed class AdminPagesSecretsTests
{
    [Fact]
    public async Task No_admin_page_shows_a_token_a_code_or_a_secret_either_stand_in_issued()
    {
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var harness = await MyOrganizerHarness.StartAsync(
            new Dictionary<string, string?> { ["Portal:Admins:0"] = $"KlasCement:{Members.AnPeeters}" },
            klasCement: klasCement);
        var an = harness.NewSession();
        await an.SignInAsync(Members.AnPeeters);
        await an.SignInWithMyOrganizerAsync(Customers.PieterClaes);
        await harness.NewSession().SignInAsync(Members.JanJanssens);
        await harness.NewSession().SignInWithMyOrganizerAsync(Customers.LotteMaes);
        var users = await harness.UsersAsync();
        Assert.Equal(3, users.Count);

        // Forced refreshes hand out more tokens, rotated refresh tokens among them.
        foreach (var connection in await harness.ConnectionsAsync())
        {
            var refreshed = await an.PostFormAsync(
                $"/admin/accounts/{connection.UserId}/refresh",
                new Dictionary<string, string> { ["provider"] = connection.Provider, ["confirmed"] = "true" });
            Assert.Contains("outcome=Refreshed", refreshed.Location!.OriginalString, StringComparison.Ordinal);
        }

        var pages = new List<PortalPage>
        {
            await an.GetAsync("/admin/accounts"),
            await an.GetAsync("/admin/accounts?sort=name&size=1"),
            await an.GetAsync("/admin/accounts?provider=MyOrganizer&state=Active"),
        };
        foreach (var user in users)
        {
            pages.Add(await an.GetAsync($"/admin/accounts/{user.Id}"));
            pages.Add(await an.GetAsync($"/admin/accounts/{user.Id}/delete"));
        }

        foreach (var connection in await harness.ConnectionsAsync())
        {
            pages.Add(await an.GetAsync($"/admin/accounts/{connection.UserId}?outcome=Refreshed&provider={connection.Provider}"));
            pages.Add(await an.GetAsync($"/admin/accounts/{connection.UserId}/refresh?provider={connection.Provider}"));
            pages.Add(await an.GetAsync($"/admin/accounts/{connection.UserId}/unlink?provider={connection.Provider}"));
            pages.Add(await an.GetAsync($"/admin/accounts?q={Uri.EscapeDataString(connection.ProviderUserId)}"));
        }

        var secrets = klasCement.Secrets.Concat(harness.Secrets).ToList();
        Assert.True(klasCement.Sandbox.IssuedSecrets.Count >= 6, "The scenario must have handed out KlasCement codes and tokens.");
        Assert.True(harness.B2C.IssuedSecrets.Count >= 6, "The scenario must have handed out MyOrganizer codes and tokens.");
        Assert.Equal(2, klasCement.Sandbox.RefreshRequests);
        Assert.Equal(2, harness.B2C.RefreshRequests);
        Assert.All(pages, page => Assert.Equal(System.Net.HttpStatusCode.OK, page.Status));
        Assert.Contains(pages, page => page.Html.Contains(Customers.LotteMaes, StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            var leak = pages.FirstOrDefault(page => page.Html.Contains(secret, StringComparison.Ordinal));
            Assert.True(leak is null, $"A token or secret is on the admin page {leak?.Path}.");
        }

        // Not even a part of one: no 12 characters in a row of any token are on a page.
        foreach (var secret in secrets.Where(s => s.Length >= 24))
        {
            for (var start = 0; start + 12 <= secret.Length; start += 6)
            {
                var part = secret.Substring(start, 12);
                var leak = pages.FirstOrDefault(page => page.Html.Contains(part, StringComparison.Ordinal));
                Assert.True(leak is null, $"Part of a token or secret is on the admin page {leak?.Path}.");
            }
        }
    }
}
