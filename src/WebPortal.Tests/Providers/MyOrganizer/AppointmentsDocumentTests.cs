using System.Text.Json;
using WebPortal.Providers.MyOrganizer.Api;

namespace WebPortal.Tests.Providers.MyOrganizer;

public sealed class AppointmentsDocumentTests
{
    [Fact]
    public void A_plain_array_is_the_whole_answer()
    {
        var page = Read("""
            [{"id": 17, "start": "2026-11-24T09:00:00+01:00", "end": "2026-11-24T09:45:00+01:00", "subject": "Intake", "location": "Gent", "status": "confirmed"}]
            """);

        var appointment = Assert.Single(page.Appointments);
        Assert.Equal(new Appointment("17", new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2026, 11, 24, 9, 45, 0, TimeSpan.FromHours(1)), "Intake", "Gent", "confirmed"), appointment);
        Assert.Null(page.NextStartIndex);
    }

    [Theory]
    [InlineData(0, 2, 5, 2)]
    [InlineData(2, 2, 5, 4)]
    [InlineData(4, 1, 5, null)]
    [InlineData(0, 0, 5, null)]
    public void A_collection_page_says_where_the_next_one_starts(int startIndex, int entries, int total, int? next)
    {
        var entry = string.Join(',', Enumerable.Range(0, entries).Select(i => $$"""{"id": "a{{i}}", "start": "2026-11-24T08:00:00Z"}"""));

        var page = Read($$"""{"totalResults": {{total}}, "startIndex": {{startIndex}}, "itemsPerPage": 2, "entry": [{{entry}}]}""");

        Assert.Equal(entries, page.Appointments.Count);
        Assert.Equal(next, page.NextStartIndex);
    }

    [Fact]
    public void Numbers_sent_as_strings_and_missing_optional_fields_are_read()
    {
        var page = Read("""{"totalResults": "3", "startIndex": "0", "entry": [{"id": "x", "start": "2026-11-24T08:00:00Z"}]}""");

        var appointment = Assert.Single(page.Appointments);
        Assert.Equal(("", null, null, null), (appointment.Subject, appointment.Location, appointment.Status, appointment.End));
        Assert.Equal(1, page.NextStartIndex);
    }

    [Theory]
    [InlineData("""{"appointments": []}""")]
    [InlineData(""""just text"""")]
    [InlineData("""[{"start": "2026-11-24T08:00:00Z"}]""")]
    [InlineData("""[{"id": "x", "start": "2026-11-24T08:00:00"}]""")]
    [InlineData("""[{"id": "x", "start": "tomorrow"}]""")]
    [InlineData("""[42]""")]
    public void An_answer_of_another_shape_is_malformed(string json) =>
        Assert.ThrowsAny<JsonException>(() => Read(json));

    private static AppointmentsDocument.Page Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return AppointmentsDocument.Read(document.RootElement);
    }
}
