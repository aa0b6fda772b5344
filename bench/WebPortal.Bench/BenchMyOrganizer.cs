using WebPortal.Sandbox.Gateway;
using WebPortal.Sandbox.MyOrganizer;

namespace WebPortal.Bench;

/// <summary>
/// The test kit's MyOrganizer stand-in as the bench configures it: it registers the portal's callback and the bench's
/// own, issues tokens that outlive the run, and answers a week's appointments in one gateway page.
/// </summary>
internal static class BenchMyOrganizer
{
    /// <summary>Where the stand-in sends the bench's own sign-in (<see cref="MyOrganizerAccessToken"/>); nothing listens there.</summary>
    public static readonly Uri BenchRedirectUri = new("http://127.0.0.1/bench-callback");

    /// <summary>Access and identity tokens outlive the run, so that neither the portal nor the bench renews one while measuring.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(2);

    /// <summary>More than a week of the sandbox's agenda holds (at most 15), so that one agenda page is one gateway call.</summary>
    public const int ItemsPerPage = 50;

    /// <param name="portal">The portal's base URL: its callback is registered with the B2C app.</param>
    public static Task<MyOrganizerStandIn> StartAsync(Uri portal) =>
        MyOrganizerStandIn.StartAsync(
            [MyOrganizerStandIn.CallbackOf(portal), BenchRedirectUri.ToString()],
            (B2CSandboxOptions b2c) =>
            {
                b2c.AccessTokenLifetime = TokenLifetime;
                b2c.IdTokenLifetime = TokenLifetime;
            },
            (GatewaySandboxOptions gateway) => gateway.ItemsPerPage = ItemsPerPage);
}
