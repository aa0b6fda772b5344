using System.Net;
using System.Text.RegularExpressions;

namespace WebPortal.TestKit;

/// <summary>
/// A sign-in scripted over HTTP the way a browser does it, one hop at a time: start it at the portal, answer the
/// provider's page (each provider's folder of the kit adds its answer as an extension: <c>ConsentAsync</c> for
/// KlasCement, <c>AnswerMyOrganizerAsync</c> for B2C), and hand back where the stand-in sends the browser (the portal's
/// callback). The caller brings the two clients: <paramref name="portal"/>, based at the portal and
/// keeping its cookies (the test host's in-memory client or one on the wire), and <paramref name="provider"/> for the
/// stand-ins. Neither may follow redirects: every hop is checked.
/// </summary>
public sealed partial class SignInScript(HttpClient portal, HttpClient provider)
{
    /// <summary>The client for the stand-ins' pages, which the providers' answers (<c>ConsentAsync</c>, <c>AnswerMyOrganizerAsync</c>) use.</summary>
    internal HttpClient Provider => provider;

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
    internal Uri Absolute(Uri authorize)
    {
        Ensure(authorize.IsAbsoluteUri, $"The portal did not send the browser to the provider but to {authorize}.");
        return authorize;
    }

    internal void Ensure(bool condition, string message)
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

}

/// <summary>A step of a scripted sign-in did not get the answer a browser would have got.</summary>
public sealed class SignInScriptException(string message) : Exception(message);
