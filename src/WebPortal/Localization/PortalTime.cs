using System.Globalization;

namespace WebPortal.Localization;

/// <summary>
/// How pages write times: in Brussels time, whatever the server's zone (the portal's people are in Belgium), to the
/// minute, in the request's language ("6 december 2026 19:03", "6 December 2026 19:03").
/// </summary>
public static class PortalTime
{
    public static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    public static DateTimeOffset InBrussels(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, Brussels);

    public static string Format(DateTimeOffset time) =>
        InBrussels(time).ToString("d MMMM yyyy HH:mm", CultureInfo.CurrentCulture);

    public static string Format(DateTimeOffset? time) => time is { } value ? Format(value) : "–";

    /// <summary>To the second, where the order of events matters (the audit log).</summary>
    public static string FormatToTheSecond(DateTimeOffset time) =>
        InBrussels(time).ToString("d MMMM yyyy HH:mm:ss", CultureInfo.CurrentCulture);

    /// <summary>For a <c>datetime</c> attribute: the instant, in UTC.</summary>
    public static string Iso(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
