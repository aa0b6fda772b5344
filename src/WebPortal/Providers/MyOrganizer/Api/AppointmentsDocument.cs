using System.Globalization;
using System.Text.Json;

namespace WebPortal.Providers.MyOrganizer.Api;

/// <summary>
/// The shape of an answer of MyOrganizer's appointments operation. The seeds name no agenda operation, so this is
/// the one class to change when the real API's shape is known. Accepted: a JSON array of appointments, or a gateway
/// collection <c>{"totalResults", "startIndex", "itemsPerPage", "entry": [...]}</c> (one page of it); each appointment
/// with <c>id</c>, <c>start</c> and <c>end</c> (ISO 8601 with offset), <c>subject</c>, <c>location</c> and an optional
/// <c>status</c>.
/// </summary>
public static class AppointmentsDocument
{
    /// <summary>One answer: its appointments, and where the next page starts when it is a collection with more pages.</summary>
    public sealed record Page(IReadOnlyList<Appointment> Appointments, int? NextStartIndex);

    /// <exception cref="JsonException">The answer is not JSON, or not one of the accepted shapes.</exception>
    public static async Task<Page> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        // JSON is UTF-8 whatever charset the answer claims.
        await using var body = await content.ReadAsStreamAsync(cancellationToken);
        using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        return Read(document.RootElement);
    }

    public static Page Read(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Array)
        {
            return new Page(ReadAppointments(root), NextStartIndex: null);
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("entry", out var entry) || entry.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("The answer is neither an array of appointments nor a collection with an entry array.");
        }

        var appointments = ReadAppointments(entry);
        var startIndex = Integer(root, "startIndex") ?? 0;
        var next = startIndex + appointments.Count;
        return new Page(appointments, appointments.Count > 0 && Integer(root, "totalResults") is { } total && next < total ? next : null);
    }

    private static List<Appointment> ReadAppointments(JsonElement array)
    {
        var appointments = new List<Appointment>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || Text(item, "id") is not { } id || Moment(item, "start") is not { } start)
            {
                throw new JsonException("An appointment has no id or no start with a time-zone offset.");
            }

            appointments.Add(new Appointment(id, start, Moment(item, "end"), Text(item, "subject") ?? "", Text(item, "location"), Text(item, "status")));
        }

        return appointments;
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? value.ToString()
            : null;

    /// <summary>An ISO 8601 moment; one without an offset is refused, since its time zone would be a guess.</summary>
    private static DateTimeOffset? Moment(JsonElement item, string name) =>
        Text(item, name) is { } text
        && (text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > text.IndexOf('T', StringComparison.Ordinal))
        && text.Contains('T', StringComparison.Ordinal)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var moment)
            ? moment
            : null;

    private static int? Integer(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number
        : root.TryGetProperty(name, out value) && value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), CultureInfo.InvariantCulture, out number) ? number
        : null;
}
