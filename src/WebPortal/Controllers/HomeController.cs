using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using WebPortal.Infrastructure.Web;
using WebPortal.Authentication;
using WebPortal.Data;
using WebPortal.Tokens;
using WebPortal.ViewModels.Home;

namespace WebPortal.Controllers;

public sealed class HomeController(ExternalProviderCatalog providers, ProviderConnectionStore connections) : Controller
{
    /// <param name="cancelled">The provider at which the person just cancelled a sign-in, to say so.</param>
    /// <param name="notice">The outcome of an action that ended here (an account deleted).</param>
    [HttpGet("/")]
    [OutputCache(PolicyName = SignedInPageCache.PolicyName)]
    public async Task<IActionResult> Index(string? returnUrl, string? cancelled, StartNotice? notice, CancellationToken cancellationToken)
    {
        var userId = User.FindUserId();
        var linked = userId is { } id ? await connections.ListAsync(id, cancellationToken) : [];
        return View(new HomeViewModel(
            providers.Enabled.ToList(),
            linked,
            Url.IsLocalUrl(returnUrl) ? returnUrl : null,
            cancelled is null ? null : providers.Find(cancelled),
            notice is { } known && Enum.IsDefined(known) ? known : null));
    }

    // Re-executed with the failed request's own method: a POST that fails (an expired anti-forgery token, say) must
    // land here too.
    [AcceptVerbs("GET", "HEAD", "POST", Route = "/error/{statusCode:int?}")]
    [IgnoreAntiforgeryToken]
    public IActionResult Error(int? statusCode)
    {
        var status = statusCode ?? StatusCodes.Status500InternalServerError;

        // The database being down is not the portal's fault, and passes: the person is told to try again later.
        var databaseUnavailable = false;
        if (HttpContext.Features.Get<IExceptionHandlerPathFeature>() is { } failure)
        {
            databaseUnavailable = DatabaseOutage.IsCause(failure.Error);
            status = databaseUnavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
        }

        Response.StatusCode = status;
        var retryAfter = int.TryParse(Response.Headers.RetryAfter, out var seconds) ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        return View(new ErrorViewModel(status, HttpContext.TraceIdentifier, retryAfter, databaseUnavailable));
    }
}
