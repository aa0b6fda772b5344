using System.Net;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Security;

public sealed class ConcurrentMembersTests
{
    [Fact]
    public async Task Two_members_with_interleaved_requests_and_refreshes_each_only_see_their_own_profile()
    {
        await using var harness = await PortalHarness.StartAsync();
        var an = harness.NewSession();
        var jan = harness.NewSession();
        await an.SignInAsync(Members.AnPeeters);
        await jan.SignInAsync(Members.JanJanssens);

        for (var round = 0; round < 5; round++)
        {
            // Every round both tokens expire, so both refresh while the other's requests are in flight.
            await harness.ExpireStoredAccessTokensAsync();
            var requests = Enumerable.Range(0, 20)
                .Select(i => i % 2 == 0
                    ? Expect(an, "An Peeters", "Jan Janssens")
                    : Expect(jan, "Jan Janssens", "An Peeters"));
            await Task.WhenAll(requests);
        }

        Assert.Equal(10, harness.Sandbox.RefreshRequests);
    }

    private static async Task Expect(PortalSession session, string own, string other)
    {
        var page = await session.GetAsync("/profile");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(own, page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(other, page.Text, StringComparison.Ordinal);
    }
}
