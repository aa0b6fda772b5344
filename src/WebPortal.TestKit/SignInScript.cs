using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace WebPortal.TestKit;

/// <summary>
/// A sign-in scripted over HTTP the way a browser does it, one hop at a time: start it at the portal, answer
/// KlasCement's consent screen or MyOrganizer B2C's sign-in page, and hand back where the stand-in sends the browser
/// (the portal's callback). The caller brings the two clients: <paramref name="portal"/>, based at the portal and
/// keeping its cookies (the test host's in-memory client or one on the wire), and <paramref name="provider"/> for the
/// stand-ins. Neither may follow redirects: every hop is checked.
/// </summary>
public sealed partial class SignInScript(HttpClient portal, HttpClient provider)
{
    /// <summary>Added to the message of a failed step, e.g. the portal's warnings, to show why it failed.</summary>
    public Func<string>? Explain { get; init; }

    /// <summary>Takes the anti-forgery token of the portal's page at <paramref name="path"/> and clicks "Sign in with …"; returns where the portal sends the browser.</summary>
    public async Task<Uri> StartAsync(string provider = "KlasCement", string? returnUrl = null, string path = "/")
    {
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = await AntiforgeryTokenAsync(path) };
        if (returnUrl is not null)
        {
            form["returnUrl"] = returnUrl;
        }

        using var response = await portal.PostAsync($"/account/signin/{provider}", new FormUrlEncodedContent(form));
        return RedirectTarget(response);
    }

    /// <summary>Shows KlasCement's consent screen and answers it as the member; returns the callback URL KlasCement redirects to.</summary>
    public async Task<Uri> ConsentAsync(Uri authorize, string memberId, bool allow = true)
    {
        using (var consentPage = await provider.GetAsync(Absolute(authorize)))
        {
            Ensure(consentPage.StatusCode == HttpStatusCode.OK, $"KlasCement's consent screen answered {(int)consentPage.StatusCode}.");
        }

        var query = QueryHelpers.ParseQuery(authorize.Query);
        using var decision = await provider.PostAsync(
            authorize.GetLeftPart(UriPartial.Path),
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["client_id"] = query["client_id"].ToString(),
                ["redirect_uri"] = query["redirect_uri"].ToString(),
                ["state"] = query["state"].ToString(),
                ["member"] = memberId,
                ["decision"] = allow ? "allow" : "deny",
            }));
        return RedirectTarget(decision);
    }

    /// <summary>
    /// Shows the B2C stand-in's user-flow page and answers it: <c>signin</c> as the customer, <c>forgot</c> (password)
    /// or <c>cancel</c>, posting its hidden fields (the authorization request) back. Returns where B2C sends the browser.
    /// </summary>
    public async Task<Uri> AnswerMyOrganizerAsync(Uri authorize, string customerId, string action = "signin")
    {
        string page;
        using (var response = await provider.GetAsync(Absolute(authorize)))
        {
            page = await response.Content.ReadAsStringAsync();
            Ensure(response.StatusCode == HttpStatusCode.OK, $"B2C answered {(int)response.StatusCode}: {page}");
        }

        var form = HiddenField().Matches(page).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        Ensure(form.Count > 0, "The B2C stand-in's sign-in page has no hidden fields.");
        form["customer"] = customerId;
        form["sandbox_action"] = action;
        using var decision = await provider.PostAsync(authorize.GetLeftPart(UriPartial.Path), new FormUrlEncodedContent(form));
        return RedirectTarget(decision);
    }

    /// <summary>The anti-forgery token the forms of the portal's page at <paramref name="path"/> carry; the page must answer 200.</summary>
    public async Task<string> AntiforgeryTokenAsync(string path)
    {
        using var response = await portal.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Ensure(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}.");
        return AntiforgeryToken(html) ?? throw Failed($"No anti-forgery token on {path}.");
    }

    /// <summary>The anti-forgery token in a page of the portal, or null.</summary>
    public static string? AntiforgeryToken(string html) =>
        AntiforgeryField().Match(html) is { Success: true } token ? WebUtility.HtmlDecode(token.Groups[1].Value) : null;

    /// <summary>Where a 302 sends the browser, as the answer says it: a provider's page absolute, a page of the portal's own relative.</summary>
    public Uri RedirectTarget(HttpResponseMessage response)
    {
        Ensure(
            response.StatusCode is HttpStatusCode.Found or HttpStatusCode.Redirect && response.Headers.Location is not null,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode}, not a redirect.");
        return response.Headers.Location!;
    }

    /// <summary>A relative URL is the portal sending the browser to a page of its own (an error page) rather than to the provider.</summary>
    private Uri Absolute(Uri authorize)
    {
        Ensure(authorize.IsAbsoluteUri, $"The portal did not send the browser to the provider but to {authorize}.");
        return authorize;
    }

    private void Ensure(bool condition, string message)
    {
        if (!condition)
        {
            throw Failed(message);
        }
    }

    private SignInScriptException Failed(string message) =>
        new(Explain is null ? message : $"{message}\n{Explain()}");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenField();
}

/// <summary>A step of a scripted sign-in did not get the answer a browser would have got.</summary>
public sealed class SignInScriptException(string message) : Exception(message);
