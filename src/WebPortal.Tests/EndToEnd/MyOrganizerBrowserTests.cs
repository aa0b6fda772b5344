using System.Globalization;
using WebPortal.Tests.EndToEnd.Pages;
using WebPortal.Providers.MyOrganizer;
using static Microsoft.Playwright.Assertions;

namespace WebPortal.Tests.EndToEnd;

/// <summary>Sign-in with MyOrganizer in a real browser, against the portal as `dotnet run` starts it.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class MyOrganizerBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task In_the_Development_sandbox_a_customer_signs_in_with_MyOrganizer_sees_this_weeks_agenda_and_goes_to_next_week()
    {
        // As `dotnet run` has it: Development, with MyOrganizer's B2C tenant and gateway stand-ins started by the portal.
        await using var portal = await PortalProcess.StartAsync("Development", new Dictionary<string, string?>());
        var monday = AgendaWeek.MondayOf(AgendaWeek.TodayAt(DateTimeOffset.UtcNow));

        await BrowserSession.RunAsync(browser, nameof(In_the_Development_sandbox_a_customer_signs_in_with_MyOrganizer_sees_this_weeks_agenda_and_goes_to_next_week), async page =>
        {
            var start = await new StartPage(page).OpenAsync(portal.Url);
            var signIn = await start.SignInWithMyOrganizerAsync();
            var agenda = await signIn.SignInAsAsync("Lotte Maes");

            await Expect(agenda.Header.SignedInUser).ToHaveTextAsync("Lotte Maes");
            await Expect(agenda.Agenda).ToHaveAttributeAsync("data-week", monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await Expect(agenda.Today).ToHaveCountAsync(1);
            await Expect(agenda.Appointments.First).ToBeVisibleAsync();

            await agenda.NextWeekAsync();

            await Expect(agenda.Agenda).ToHaveAttributeAsync("data-week", monday.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await Expect(agenda.Today).ToHaveCountAsync(0);
            await Expect(agenda.Appointments.First).ToBeVisibleAsync();
            await Expect(agenda.WeekTitle).ToContainTextAsync(monday.AddDays(13).ToString("yyyy", CultureInfo.InvariantCulture));
        });
    }
}
