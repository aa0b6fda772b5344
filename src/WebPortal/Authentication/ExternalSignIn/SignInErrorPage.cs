using Microsoft.AspNetCore.WebUtilities;

namespace WebPortal.Authentication.ExternalSignIn;

/// <summary>Where a failed sign-in lands. Only a reason code and a reference travel in the URL, never what the provider sent.</summary>
public static class SignInErrorPage
{
    public static string Path(HttpContext context, string provider, SignInFailureReason reason) =>
        QueryHelpers.AddQueryString(
            $"{context.Request.PathBase}/account/signin-error",
            new Dictionary<string, string?>
            {
                ["provider"] = provider,
                ["reason"] = reason.ToString(),
                ["reference"] = context.TraceIdentifier,
            });
}
