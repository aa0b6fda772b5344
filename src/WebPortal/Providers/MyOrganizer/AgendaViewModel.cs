using System.Globalization;
using Microsoft.Extensions.Localization;
using WebPortal.Localization;
using WebPortal.Providers.MyOrganizer.Api;
using WebPortal.Tokens;

namespace WebPortal.Providers.MyOrganizer;

public enum AgendaState
{
    Shown,
    ProviderOff,
    NotConnected,
    NeedsReconnect,
    PermissionDenied,
    Unavailable,
}

public sealed record AgendaViewModel(AgendaState State, AgendaWeek Week, UpstreamFailure? Failure)
{
    public bool OffersReconnect => State is AgendaState.NeedsReconnect || Failure is UpstreamFailure.Unauthorized;

    public string? Problem(IStringLocalizer<Text> text) => UpstreamProblems.Describe(text, Failure, MyOrganizerAuthenticationDefaults.DisplayName, "your agenda", "an agenda");
}

/// <summary>A week of a MyOrganizer agenda, Monday to Sunday, in the time zone the portal shows agendas in.</summary>
public sealed record AgendaWeek(DateOnly Monday, DateOnly Today, IReadOnlyList<AgendaDay> Days)
{
    /// <summary>MyOrganizer's customers are Belgian practices: their agendas are shown in Brussels time.</summary>
    public static readonly TimeZoneInfo TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    public DateOnly Sunday => Monday.AddDays(6);

    public DateOnly Previous => Monday.AddDays(-7);

    public DateOnly Next => Monday.AddDays(7);

    public bool IsThisWeek => Today >= Monday && Today <= Sunday;

    public bool IsEmpty => Days.All(day => day.Appointments.Count == 0);

    public string Title => Monday.Month == Sunday.Month
        ? $"{Monday.Day}–{Sunday.ToString("d MMMM yyyy", CultureInfo.CurrentCulture)}"
        : $"{Monday.ToString("d MMMM", CultureInfo.CurrentCulture)} – {Sunday.ToString("d MMMM yyyy", CultureInfo.CurrentCulture)}";

    /// <summary>The Monday of the week that holds <paramref name="day"/>.</summary>
    public static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>Today's date in Brussels.</summary>
    public static DateOnly TodayAt(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZone).DateTime);

    /// <summary>The week starting <paramref name="monday"/>, with each appointment on the day it starts, in Brussels time.</summary>
    public static AgendaWeek Of(DateOnly monday, DateTimeOffset now, IReadOnlyList<Appointment> appointments)
    {
        var today = TodayAt(now);
        var byDay = appointments
            .Select(appointment => (Local: TimeZoneInfo.ConvertTime(appointment.Start, TimeZone), Appointment: appointment))
            .ToLookup(item => DateOnly.FromDateTime(item.Local.DateTime));
        var days = Enumerable.Range(0, 7)
            .Select(offset => monday.AddDays(offset))
            .Select(date => new AgendaDay(
                date,
                date == today,
                [.. byDay[date].OrderBy(item => item.Local).Select(item => AgendaItem.Of(item.Appointment))]))
            .ToList();
        return new AgendaWeek(monday, today, days);
    }
}

public sealed record AgendaDay(DateOnly Date, bool IsToday, IReadOnlyList<AgendaItem> Appointments)
{
    /// <summary>In the request's language: "maandag 7 december", "Monday 7 December".</summary>
    public string Name => Date.ToString("dddd d MMMM", CultureInfo.CurrentCulture);

    public string IsoDate => Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

public sealed record AgendaItem(string Time, string Subject, string? Location, string? Status, bool IsCancelled)
{
    public static AgendaItem Of(Appointment appointment)
    {
        var start = TimeZoneInfo.ConvertTime(appointment.Start, AgendaWeek.TimeZone);
        var time = appointment.End is { } end
            ? $"{start:HH:mm}–{TimeZoneInfo.ConvertTime(end, AgendaWeek.TimeZone):HH:mm}"
            : start.ToString("HH:mm", CultureInfo.InvariantCulture);
        return new AgendaItem(time, appointment.Subject.Length > 0 ? appointment.Subject : "(no subject)", appointment.Location, appointment.Status, appointment.IsCancelled);
    }
}
