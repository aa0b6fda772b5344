using System.Net;
using Microsoft.AspNetCore.WebUtilities;

namespace WebPortal.TestKit;

/// <summary>KlasCement's page of a scripted sign-in: the stand-in's consent screen.</summary>
public static class KlasCementConsent
{
    /// <summary>Shows KlasCement's consent screen and answers it as the member; returns the callback URL KlasCement redirects to.</summary>
    public static async Task<Uri> ConsentAsync(this SignInScript script, Uri authorize, string memberId, bool allow = true)
    {
        using (var consentPage = await script.Provider.GetAsync(script.Absolute(authorize)))
        {
            script.Ensure(consentPage.StatusCode == HttpStatusCode.OK, $"KlasCement's consent screen answered {(int)consentPage.StatusCode}.");
        }

        var query = QueryHelpers.ParseQuery(authorize.Query);
        using var decision = await script.Provider.PostAsync(
            authorize.GetLeftPart(UriPartial.Path),
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["client_id"] = query["client_id"].ToString(),
                ["redirect_uri"] = query["redirect_uri"].ToString(),
                ["state"] = query["state"].ToString(),
                ["member"] = memberId,
                ["decision"] = allow ? "allow" : "deny",
            }));
        return script.RedirectTarget(decision);
    }
}
