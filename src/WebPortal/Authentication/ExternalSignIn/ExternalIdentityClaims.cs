using System.Security.Claims;

namespace WebPortal.Authentication.ExternalSignIn;

/// <summary>
/// Which claims of a provider's principal name the external account: one per provider, registered as a keyed service
/// under its scheme and read by <see cref="PortalSignInCompletion"/>.
/// </summary>
/// <param name="UserId">The provider's own, stable identifier of the account.</param>
/// <param name="Name">The display name.</param>
/// <param name="Email">The e-mail address; the first of these claim types that is present counts.</param>
public sealed record ExternalIdentityClaims(string UserId, string Name, params string[] Email)
{
    public ExternalIdentity Read(string provider, ClaimsPrincipal principal) =>
        new(
            provider,
            principal.FindFirst(UserId)?.Value ?? "",
            principal.FindFirst(Name)?.Value,
            Email.Select(type => principal.FindFirst(type)?.Value).FirstOrDefault(value => !string.IsNullOrEmpty(value)));
}
