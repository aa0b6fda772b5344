using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace WebPortal.Bench;

/// <summary>
/// One <c>GET /agenda</c> before the load: which week the portal shows (the direct calls ask for the same one), how
/// many appointments it holds, and how many calls of the gateway's appointments operation the page cost.
/// </summary>
internal static partial class AgendaPage
{
    public static async Task<AgendaPageCheck> CheckAsync(Uri portal, SignedInSession session, MyOrganizerStandIn myOrganizer)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(portal, "/agenda"));
        request.Headers.TryAddWithoutValidation("Cookie", session.CookieHeader);

        var callsBefore = myOrganizer.AppointmentsRequests;
        using var response = await http.SendAsync(request);
        var page = await response.Content.ReadAsStringAsync();
        var gatewayCalls = myOrganizer.AppointmentsRequests - callsBefore;

        var week = Week().Match(page);
        if (response.StatusCode != HttpStatusCode.OK || !page.Contains(SignIn.AgendaShown, StringComparison.Ordinal) || !week.Success)
        {
            throw new BenchmarkFailedException($"GET /agenda answered {(int)response.StatusCode} without showing a week of the agenda.");
        }

        return new AgendaPageCheck(
            DateOnly.ParseExact(week.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            Appointment().Count(page),
            gatewayCalls);
    }

    [GeneratedRegex("data-week=\"([0-9]{4}-[0-9]{2}-[0-9]{2})\"")]
    private static partial Regex Week();

    [GeneratedRegex("data-testid=\"appointment\"")]
    private static partial Regex Appointment();
}

/// <param name="Monday">The first day of the week the agenda page shows (Monday, Brussels time).</param>
/// <param name="Appointments">The appointments the page lists for that week.</param>
/// <param name="GatewayCalls">Calls of the gateway's appointments operation that one page view made.</param>
internal sealed record AgendaPageCheck(DateOnly Monday, int Appointments, int GatewayCalls);
