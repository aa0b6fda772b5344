using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using WebPortal.Authentication;
using WebPortal.Tokens;

namespace WebPortal.Providers.KlasCement;

/// <summary>The person's KlasCement profile, fetched live on their behalf.</summary>
[Authorize]
[Route("profile")]
public sealed class ProfileController(ExternalProviderCatalog providers) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        if (!providers.IsEnabled(KlasCementAuthenticationDefaults.AuthenticationScheme))
        {
            return View(ProfileViewModel.ProviderOff());
        }

        // Registered only while KlasCement is on: asked for once it is known to be.
        var klasCement = HttpContext.RequestServices.GetRequiredService<KlasCementApiClient>();
        try
        {
            return View(ProfileViewModel.Shown(await klasCement.GetProfileAsync(User.GetUserId(), cancellationToken)));
        }
        catch (ProviderNotConnectedException)
        {
            return View(ProfileViewModel.NotConnected());
        }
        catch (ReconnectRequiredException)
        {
            return View(ProfileViewModel.NeedsReconnect());
        }
        catch (ProviderUnavailableException unavailable)
        {
            Response.StatusCode = unavailable.Failure == UpstreamFailure.Timeout
                ? StatusCodes.Status504GatewayTimeout
                : StatusCodes.Status502BadGateway;
            return View(ProfileViewModel.Unavailable(unavailable.Failure));
        }
    }
}
