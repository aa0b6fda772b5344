using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using WebPortal.Authentication;
using WebPortal.Providers.MyOrganizer.Api;
using WebPortal.Tokens;

namespace WebPortal.Providers.MyOrganizer;

/// <summary>The person's MyOrganizer agenda, a week at a time, fetched live on their behalf.</summary>
[Authorize]
[Route("agenda")]
public sealed class AgendaController(ExternalProviderCatalog providers, TimeProvider time) : Controller
{
    /// <param name="week">Any day of the week to show (YYYY-MM-DD); this week when absent or unreadable.</param>
    [HttpGet("")]
    public async Task<IActionResult> Index(string? week, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var monday = AgendaWeek.MondayOf(
            DateOnly.TryParseExact(week, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : AgendaWeek.TodayAt(now));
        var empty = AgendaWeek.Of(monday, now, []);

        if (!providers.IsEnabled(MyOrganizerAuthenticationDefaults.AuthenticationScheme))
        {
            return View(new AgendaViewModel(AgendaState.ProviderOff, empty, null));
        }

        var myOrganizer = HttpContext.RequestServices.GetRequiredService<MyOrganizerApiClient>();
        try
        {
            var appointments = await myOrganizer.GetAppointmentsAsync(User.GetUserId(), monday, monday.AddDays(6), cancellationToken);
            return View(new AgendaViewModel(AgendaState.Shown, AgendaWeek.Of(monday, now, appointments), null));
        }
        catch (ProviderNotConnectedException)
        {
            return View(new AgendaViewModel(AgendaState.NotConnected, empty, null));
        }
        catch (ReconnectRequiredException)
        {
            return View(new AgendaViewModel(AgendaState.NeedsReconnect, empty, null));
        }
        catch (ProviderPermissionDeniedException)
        {
            return View(new AgendaViewModel(AgendaState.PermissionDenied, empty, null));
        }
        catch (ProviderUnavailableException unavailable)
        {
            Response.StatusCode = unavailable.Failure == UpstreamFailure.Timeout
                ? StatusCodes.Status504GatewayTimeout
                : StatusCodes.Status502BadGateway;
            return View(new AgendaViewModel(AgendaState.Unavailable, empty, unavailable.Failure));
        }
    }
}
