using WebPortal.Providers.MyOrganizer.Api;
using WebPortal.Providers.MyOrganizer;

namespace WebPortal.Tests.Providers.MyOrganizer;

public sealed class AgendaWeekTests
{
    [Theory]
    [InlineData("2026-11-23", "2026-11-23")]
    [InlineData("2026-11-26", "2026-11-23")]
    [InlineData("2026-11-29", "2026-11-23")]
    [InlineData("2026-11-30", "2026-11-30")]
    public void A_week_runs_from_Monday_to_Sunday(string day, string monday) =>
        Assert.Equal(DateOnly.Parse(monday, System.Globalization.CultureInfo.InvariantCulture), AgendaWeek.MondayOf(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Appointments_land_on_their_day_and_time_in_Brussels()
    {
        var monday = new DateOnly(2026, 3, 23);
        var now = new DateTimeOffset(2026, 3, 25, 10, 0, 0, TimeSpan.Zero);
        Appointment[] appointments =
        [
            // 23:30 UTC on Sunday 29 March is 01:30 on Monday 30 March in Brussels (summer time since 02:00 that night).
            new("late", new DateTimeOffset(2026, 3, 29, 23, 30, 0, TimeSpan.Zero), null, "Next week already", null, null),
            new("b", new DateTimeOffset(2026, 3, 24, 14, 0, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2026, 3, 24, 14, 45, 0, TimeSpan.FromHours(1)), "Second", "Gent", null),
            new("a", new DateTimeOffset(2026, 3, 24, 7, 30, 0, TimeSpan.Zero), null, "First", null, "cancelled"),
            new("sunday", new DateTimeOffset(2026, 3, 29, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 29, 9, 0, 0, TimeSpan.Zero), "After the switch", null, null),
        ];

        var week = AgendaWeek.Of(monday, now, appointments);

        Assert.Equal(7, week.Days.Count);
        Assert.Equal(["First", "Second"], week.Days[1].Appointments.Select(a => a.Subject));
        Assert.Equal(["08:30", "14:00–14:45"], week.Days[1].Appointments.Select(a => a.Time));
        Assert.True(week.Days[1].Appointments[0].IsCancelled);
        Assert.Equal("10:00–11:00", Assert.Single(week.Days[6].Appointments).Time);
        Assert.DoesNotContain(week.Days.SelectMany(d => d.Appointments), a => a.Subject == "Next week already");
        Assert.Equal([false, false, true, false, false, false, false], week.Days.Select(d => d.IsToday));
        Assert.True(week.IsThisWeek);
        Assert.Equal("23–29 March 2026", week.Title);
    }

    [Fact]
    public void Today_is_the_date_in_Brussels_not_in_UTC()
    {
        // 23:30 UTC on 31 December is already New Year's Day in Brussels.
        Assert.Equal(new DateOnly(2027, 1, 1), AgendaWeek.TodayAt(new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void A_week_across_two_months_names_both()
    {
        var week = AgendaWeek.Of(new DateOnly(2026, 11, 30), DateTimeOffset.UtcNow, []);

        Assert.Equal("30 November – 6 December 2026", week.Title);
        Assert.True(week.IsEmpty);
        Assert.Equal((new DateOnly(2026, 11, 23), new DateOnly(2026, 12, 7)), (week.Previous, week.Next));
    }
}
