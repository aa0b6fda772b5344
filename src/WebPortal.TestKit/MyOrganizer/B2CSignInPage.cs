using System.Net;
using System.Text.RegularExpressions;

namespace WebPortal.TestKit;

/// <summary>MyOrganizer's page of a scripted sign-in: the B2C stand-in's user-flow page.</summary>
public static partial class B2CSignInPage
{
    /// <summary>
    /// Shows the B2C stand-in's user-flow page and answers it: <c>signin</c> as the customer, <c>forgot</c> (password)
    /// or <c>cancel</c>, posting its hidden fields (the authorization request) back. Returns where B2C sends the browser.
    /// </summary>
    public static async Task<Uri> AnswerMyOrganizerAsync(this SignInScript script, Uri authorize, string customerId, string action = "signin")
    {
        string page;
        using (var response = await script.Provider.GetAsync(script.Absolute(authorize)))
        {
            page = await response.Content.ReadAsStringAsync();
            script.Ensure(response.StatusCode == HttpStatusCode.OK, $"B2C answered {(int)response.StatusCode}: {page}");
        }

        var form = HiddenField().Matches(page).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        script.Ensure(form.Count > 0, "The B2C stand-in's sign-in page has no hidden fields.");
        form["customer"] = customerId;
        form["sandbox_action"] = action;
        using var decision = await script.Provider.PostAsync(authorize.GetLeftPart(UriPartial.Path), new FormUrlEncodedContent(form));
        return script.RedirectTarget(decision);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenField();
}
