using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using WebPortal.Data;

namespace WebPortal.Authentication;

/// <summary>
/// The error page of a request that failed because the database is unavailable is shown without reading the session
/// again. The cookie handler reads it once per request and keeps the outcome, so on the re-executed error page it
/// would throw the same failure again, and the exception handler would give up on the page and leave the person a
/// bare 500. The cookie handler's reads on that page are forwarded here (<see cref="ForwardFor"/>), where nothing is
/// read: whoever the request was found to be before the failure, if anyone, stays its user.
/// </summary>
internal sealed class DatabaseOutagePageHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "DatabaseOutagePage";

    /// <summary>For the cookie handler's <see cref="AuthenticationSchemeOptions.ForwardDefaultSelector"/>: this scheme on a database outage's error page, else none.</summary>
    public static string? ForwardFor(HttpContext context) =>
        DatabaseOutage.IsCause(context.Features.Get<IExceptionHandlerFeature>()?.Error) ? SchemeName : null;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
}
