using Microsoft.Playwright;
using WebPortal.Tests.EndToEnd.Pages;
using static Microsoft.Playwright.Assertions;

namespace WebPortal.Tests.EndToEnd;

/// <summary>Sign-in with KlasCement in a real browser against the portal on a real loopback port.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class KlasCementBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task In_the_Development_sandbox_a_person_signs_in_with_KlasCement_and_sees_their_profile()
    {
        // As `dotnet run` has it: Development, with the sandbox answering inside the portal.
        await using var portal = await PortalProcess.StartAsync("Development", new Dictionary<string, string?>());

        await BrowserSession.RunAsync(browser, nameof(In_the_Development_sandbox_a_person_signs_in_with_KlasCement_and_sees_their_profile), async page =>
        {
            var start = await new StartPage(page).OpenAsync(portal.Url);
            var consent = await start.SignInWithKlasCementAsync();
            var profile = await consent.AllowAsAsync("An Peeters");

            await Expect(profile.Name).ToHaveTextAsync("An Peeters");
            await Expect(profile.Email).ToHaveTextAsync("an.peeters@example.be");
            await Expect(profile.OtherFields).ToContainTextAsync("Sint-Jozefscollege Hasselt");
            await Expect(profile.Header.SignedInUser).ToHaveTextAsync("An Peeters");

            await profile.Header.SignOutAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in with KlasCement" })).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task Declining_at_the_KlasCement_stand_in_and_trying_again_ends_signed_in()
    {
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var portal = await PortalProcess.StartAsync("Production", klasCement);

        await BrowserSession.RunAsync(browser, nameof(Declining_at_the_KlasCement_stand_in_and_trying_again_ends_signed_in), async page =>
        {
            var start = await new StartPage(page).OpenAsync(portal.Url);
            var consent = await start.SignInWithKlasCementAsync();
            var error = await consent.DenyAsync();

            await Expect(error.Message).ToContainTextAsync("You did not give the portal access at KlasCement");
            await Expect(page.GetByText("Not signed in", new() { Exact = true })).ToBeVisibleAsync();

            var profile = await (await error.TryAgainAsync()).AllowAsAsync("Jan Janssens");
            await Expect(profile.Name).ToHaveTextAsync("Jan Janssens");
            await Expect(profile.Email).ToHaveTextAsync("not shared with the portal");
        });
        Assert.Single(klasCement.Sandbox.TokenRequests);
    }
}
