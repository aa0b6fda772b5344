using Microsoft.AspNetCore.Authentication;

namespace WebPortal.Authentication.ExternalSignIn;

/// <summary>
/// A provider's own answer to some failed sign-ins (B2C's "forgot password" code starts its reset flow, say).
/// Optional: registered as a keyed service under the provider's scheme, and asked first by
/// <see cref="PortalSignInCompletion.RemoteFailureAsync"/>.
/// </summary>
public interface ISignInFailureHook
{
    /// <returns>True when the hook answered the request itself; the shared step then neither logs a failure nor redirects.</returns>
    Task<bool> TryHandleAsync(RemoteFailureContext context, SignInStage stage);
}
