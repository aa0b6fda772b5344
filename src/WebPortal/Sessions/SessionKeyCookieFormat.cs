using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace WebPortal.Sessions;

/// <summary>
/// Writes the cookie handler's session ticket (one claim: the key <see cref="PortalTicketStore"/> returned) as the bare
/// key, instead of the Data Protection envelope around a serialized ticket, which alone is over 300 bytes. The key
/// needs no envelope: it is random, it means nothing without the row its hash finds, and a changed one finds none.
/// </summary>
public sealed class SessionKeyCookieFormat(string scheme) : ISecureDataFormat<AuthenticationTicket>
{
    /// <summary>The claim the cookie handler puts the session key in (its <c>SessionIdClaim</c>, which it does not expose).</summary>
    private const string SessionKeyClaim = "Microsoft.AspNetCore.Authentication.Cookies-SessionId";

    public string Protect(AuthenticationTicket data) => Protect(data, purpose: null);

    public string Protect(AuthenticationTicket data, string? purpose) =>
        data.Principal.FindFirstValue(SessionKeyClaim) is { } key && SessionKey.IsWellFormed(key)
            ? key
            : throw new InvalidOperationException("The session cookie carries only a session key: the cookie handler needs the portal's ticket store.");

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, purpose: null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose) =>
        SessionKey.IsWellFormed(protectedText)
            ? new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(SessionKeyClaim, protectedText!)], scheme)), scheme)
            : null;
}
