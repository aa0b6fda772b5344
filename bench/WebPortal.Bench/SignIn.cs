using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace WebPortal.Bench;

/// <summary>The KlasCement members of the stand-in the bench signs in as.</summary>
internal static class Members
{
    public const string AnPeeters = "532abc50af2c8";
    public const string AnPeetersName = "An Peeters";
    public const string JanJanssens = "61f0d2c7e9a41";
    public const string JanJanssensName = "Jan Janssens";
}

/// <summary>
/// A KlasCement or MyOrganizer sign-in driven over HTTP the way a browser does it: start it at the app, answer the
/// stand-in's consent or sign-in page, follow the callback, and land on a page that shows the person's data. Every
/// hop is checked.
/// </summary>
internal static partial class SignIn
{
    /// <summary>What the portal's agenda page carries when it shows the customer's agenda, not a problem or a sign-in button.</summary>
    public const string AgendaShown = "data-state=\"Shown\"";

    /// <summary>Clicks "Sign in with KlasCement" on the portal's start page and signs in as the member.</summary>
    public static async Task<SignedInSession> ToPortalAsync(Uri portal, string memberId, string memberName)
    {
        using var browser = new Browser();
        using var start = await StartAtPortalAsync(browser, portal, "KlasCement");
        return await CompleteAsync(browser, Browser.RedirectTarget(start), memberId, memberName, PortalSessionCookie);
    }

    /// <summary>
    /// Clicks "Sign in with MyOrganizer" on the portal's start page, signs in as the customer at the B2C stand-in,
    /// follows the callback and lands on the agenda, which must show the customer's agenda.
    /// </summary>
    public static async Task<SignedInSession> ToPortalWithMyOrganizerAsync(Uri portal, string customerId)
    {
        using var browser = new Browser();
        using var start = await StartAtPortalAsync(browser, portal, "MyOrganizer");
        using var callback = await browser.GetAsync(await AnswerMyOrganizerAsync(browser, Browser.RedirectTarget(start), customerId));
        var cookies = SetCookies(callback, PortalSessionCookie);
        if (cookies.Count == 0)
        {
            throw new BenchmarkFailedException($"The MyOrganizer sign-in callback set no {PortalSessionCookie} cookie.");
        }

        var landing = await browser.GetPageAsync(Browser.RedirectTarget(callback));
        if (!landing.Contains(AgendaShown, StringComparison.Ordinal))
        {
            throw new BenchmarkFailedException("After signing in with MyOrganizer, the landing page does not show the agenda.");
        }

        return new SignedInSession(cookies);
    }

    /// <summary>
    /// Answers the B2C stand-in's user-flow page for <paramref name="authorize"/>: posts its hidden fields (the
    /// authorization request's parameters) back with "sign in as" the customer. Returns where B2C sends the browser.
    /// </summary>
    public static async Task<Uri> AnswerMyOrganizerAsync(Browser browser, Uri authorize, string customerId)
    {
        var page = await browser.GetPageAsync(authorize);
        var form = HiddenField().Matches(page).ToDictionary(
            field => WebUtility.HtmlDecode(field.Groups[1].Value),
            field => WebUtility.HtmlDecode(field.Groups[2].Value));
        if (form.Count == 0)
        {
            throw new BenchmarkFailedException("The B2C stand-in's sign-in page has no hidden fields.");
        }

        form["customer"] = customerId;
        form["sandbox_action"] = "signin";
        using var decision = await browser.PostFormAsync(new Uri(authorize.GetLeftPart(UriPartial.Path)), form);
        return Browser.RedirectTarget(decision);
    }

    /// <summary>Signs in to the <see cref="SaveTokensComparisonApp"/> through its challenge endpoint.</summary>
    public static async Task<SignedInSession> ToComparisonAppAsync(SaveTokensComparisonApp app, string memberId, string memberName)
    {
        using var browser = new Browser();
        using var challenge = await browser.GetAsync(app.SignInUri);
        return await CompleteAsync(browser, Browser.RedirectTarget(challenge), memberId, memberName, SaveTokensComparisonApp.CookieName);
    }

    public const string PortalSessionCookie = WebPortal.Authentication.AuthenticationExtensions.SessionCookieName;

    private static async Task<SignedInSession> CompleteAsync(Browser browser, Uri authorize, string memberId, string memberName, string cookieName)
    {
        await browser.GetPageAsync(authorize);

        var query = QueryHelpers.ParseQuery(authorize.Query);
        using var decision = await browser.PostFormAsync(
            new Uri(authorize.GetLeftPart(UriPartial.Path)),
            new Dictionary<string, string>
            {
                ["client_id"] = query["client_id"].ToString(),
                ["redirect_uri"] = query["redirect_uri"].ToString(),
                ["state"] = query["state"].ToString(),
                ["member"] = memberId,
                ["decision"] = "allow",
            });

        using var callback = await browser.GetAsync(Browser.RedirectTarget(decision));
        var cookies = SetCookies(callback, cookieName);
        if (cookies.Count == 0)
        {
            throw new BenchmarkFailedException($"The sign-in callback set no {cookieName} cookie.");
        }

        var landing = await browser.GetPageAsync(Browser.RedirectTarget(callback));
        if (!landing.Contains(memberName, StringComparison.Ordinal))
        {
            throw new BenchmarkFailedException($"After signing in, the landing page does not show {memberName}.");
        }

        return new SignedInSession(cookies);
    }

    /// <summary>Takes the anti-forgery token from the portal's start page and posts "Sign in with …" for the provider.</summary>
    private static async Task<HttpResponseMessage> StartAtPortalAsync(Browser browser, Uri portal, string provider)
    {
        var home = await browser.GetPageAsync(portal);
        var antiforgery = AntiforgeryField().Match(home);
        if (!antiforgery.Success)
        {
            throw new BenchmarkFailedException("The portal's start page has no anti-forgery token.");
        }

        return await browser.PostFormAsync(
            new Uri(portal, $"/account/signin/{provider}"),
            new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(antiforgery.Groups[1].Value) });
    }

    /// <summary>The cookies a response sets under the name, with the chunks the framework splits a large cookie into.</summary>
    public static List<KeyValuePair<string, string>> SetCookies(HttpResponseMessage response, string cookieName)
    {
        var cookies = new List<KeyValuePair<string, string>>();
        foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            var pair = header.Split(';', 2)[0];
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            var name = pair[..separator].Trim();
            var value = pair[(separator + 1)..].Trim();
            if (value.Length > 0 && (name == cookieName || IsChunkOf(name, cookieName)))
            {
                cookies.Add(new(name, value));
            }
        }

        return cookies;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenField();

    /// <summary>ChunkingCookieManager splits a large cookie "name" into "nameC1", "nameC2", ….</summary>
    private static bool IsChunkOf(string name, string cookieName) =>
        name.Length > cookieName.Length + 1
        && name.StartsWith(cookieName + "C", StringComparison.Ordinal)
        && name[(cookieName.Length + 1)..].All(char.IsAsciiDigit);
}

/// <summary>A signed-in session: the authentication cookies as the sign-in set them.</summary>
internal sealed record SignedInSession(IReadOnlyList<KeyValuePair<string, string>> Cookies)
{
    /// <summary>The <c>Cookie</c> request header that carries this session.</summary>
    public string CookieHeader => string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}"));

    /// <summary>Names plus values, in bytes (both are ASCII).</summary>
    public int CookieBytes => Cookies.Sum(c => c.Key.Length + c.Value.Length);
}

/// <summary>One browser: its own cookie jar, and redirects left to the caller so that each hop is seen.</summary>
internal sealed class Browser : IDisposable
{
    private readonly HttpClient _http = new(new LoopbackCookieJar(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }));

    public Task<HttpResponseMessage> GetAsync(Uri uri) => _http.GetAsync(uri);

    public async Task<HttpResponseMessage> PostFormAsync(Uri uri, Dictionary<string, string> form)
    {
        using var content = new FormUrlEncodedContent(form);
        return await _http.PostAsync(uri, content);
    }

    /// <summary>GETs a page that must answer 200 and returns its text.</summary>
    public async Task<string> GetPageAsync(Uri uri)
    {
        using var response = await _http.GetAsync(uri);
        return response.StatusCode == HttpStatusCode.OK
            ? await response.Content.ReadAsStringAsync()
            : throw new BenchmarkFailedException($"GET {uri.GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode}, not 200.");
    }

    /// <summary>Where a 302 sends the browser, made absolute.</summary>
    public static Uri RedirectTarget(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Found && response.Headers.Location is { } location
            ? location.IsAbsoluteUri ? location : new Uri(response.RequestMessage!.RequestUri!, location)
            : throw new BenchmarkFailedException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode}, not a redirect.");

    public void Dispose() => _http.Dispose();
}

/// <summary>
/// A browser's cookie jar for the portal on http://127.0.0.1: like browsers, it treats a loopback origin as secure,
/// so that the portal's Secure cookies (it runs in Production here) are kept and sent back over plain http.
/// </summary>
internal sealed class LoopbackCookieJar(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    // The framework's default 4 KB limit would silently drop a large authentication cookie.
    private readonly CookieContainer _cookies = new() { MaxCookieSize = 64 * 1024 };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var origin = AsSecure(request.RequestUri!);
        var header = _cookies.GetCookieHeader(origin);
        if (header.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Cookie", header);
        }

        var response = await base.SendAsync(request, cancellationToken);
        foreach (var setCookie in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            _cookies.SetCookies(origin, setCookie);
        }

        return response;
    }

    private static Uri AsSecure(Uri uri) =>
        uri.IsLoopback && uri.Scheme == Uri.UriSchemeHttp ? new UriBuilder(uri) { Scheme = Uri.UriSchemeHttps, Port = uri.Port }.Uri : uri;
}
