using System.Globalization;

namespace WebPortal.Sandbox.Gateway;

/// <summary>
/// The appointments of a sandbox customer, made up the same way every time for the same customer and day, so that
/// any week the portal asks for has an agenda: one to three appointments on weekdays, none at the weekend.
/// </summary>
public static class SandboxAgenda
{
    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    private static readonly string[] Subjects =
    [
        "Intake – Sarah De Smet",
        "Opvolging – Tom Willems",
        "Behandeling – Emma Peeters",
        "Teamoverleg",
        "Huisbezoek – Marc Janssens",
        "Controle – Lien Vermeulen",
        "Behandeling – Noah Lambrecht",
    ];

    private static readonly TimeOnly[] Starts = [new(8, 30), new(10, 0), new(11, 30), new(14, 0), new(15, 30), new(17, 0)];

    /// <summary>The appointments that start on the days from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public static IReadOnlyList<Dictionary<string, object>> For(string customerId, string location, DateOnly from, DateOnly to)
    {
        var appointments = new List<Dictionary<string, object>>();
        for (var day = from; day <= to && appointments.Count < 500; day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }

            var seed = Hash($"{customerId}/{day:yyyy-MM-dd}");
            var count = 1 + (int)(seed % 3);
            for (var n = 0; n < count; n++)
            {
                var slot = (int)((seed >> (4 + (n * 3))) % 2) + (n * 2);
                var start = Local(day, Starts[slot]);
                var minutes = 30 + (15 * (int)((seed >> (10 + n)) % 3));
                var appointment = new Dictionary<string, object>
                {
                    ["id"] = $"{customerId[..8]}-{day:yyyyMMdd}-{n + 1}",
                    ["start"] = start.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                    ["end"] = start.AddMinutes(minutes).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                    ["subject"] = Subjects[(int)((seed >> (16 + n)) % (uint)Subjects.Length)],
                    ["location"] = location,
                };
                if ((seed >> (20 + n)) % 5 == 0)
                {
                    appointment["status"] = n == 0 ? "tentative" : "cancelled";
                }

                appointments.Add(appointment);
            }
        }

        return appointments;
    }

    private static DateTimeOffset Local(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Brussels.GetUtcOffset(local));
    }

    /// <summary>FNV-1a: the same number for the same text in every process, unlike <see cref="string.GetHashCode()"/>.</summary>
    private static uint Hash(string text)
    {
        var hash = 2166136261u;
        foreach (var character in text)
        {
            hash = (hash ^ character) * 16777619u;
        }

        return hash;
    }
}
