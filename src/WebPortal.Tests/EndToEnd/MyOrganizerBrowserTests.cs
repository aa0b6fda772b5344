using System.Globalization;
using WebPortal.Tests.EndToEnd.Pages;
using WebPortal.Providers.MyOrganizer;
using static Microsoft.Playwright.Assertions;
using AriaRole = Microsoft.Playwright.AriaRole;

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

    [Fact]
    public async Task The_agenda_s_week_is_a_list_named_after_the_week_with_each_of_its_seven_days_under_a_heading()
    {
        await using var portal = await PortalProcess.StartAsync("Development", new Dictionary<string, string?>());

        await BrowserSession.RunAsync(browser, nameof(The_agenda_s_week_is_a_list_named_after_the_week_with_each_of_its_seven_days_under_a_heading), async page =>
        {
            var agenda = await (await new StartPage(page).OpenAsync(portal.Url)).SignInWithMyOrganizerAsync();
            await agenda.SignInAsAsync("Lotte Maes");

            var week = page.GetByRole(AriaRole.List, new() { Name = await page.GetByTestId("week-title").InnerTextAsync(), Exact = true });
            await Expect(week).ToHaveCountAsync(1);
            var days = week.Locator(":scope > li");
            await Expect(days).ToHaveCountAsync(7);
            foreach (var (day, name) in Enumerable.Range(0, 7).Zip(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]))
            {
                var heading = days.Nth(day).GetByRole(AriaRole.Heading, new() { Level = 3 });
                await Expect(heading).ToHaveCountAsync(1);
                await Expect(heading).ToContainTextAsync(name);
            }
        });
    }
}
