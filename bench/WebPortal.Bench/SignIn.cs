using System.Net;

namespace WebPortal.Bench;

/// <summary>
/// A KlasCement or MyOrganizer sign-in driven over HTTP the way a browser does it, by the test kit's
/// <see cref="SignInScript"/>: start it at the app, answer the stand-in's consent or sign-in page, follow the
/// callback, and land on a page that shows the person's data. Every hop is checked.
/// </summary>
internal static class SignIn
{
    /// <summary>What the portal's agenda page carries when it shows the customer's agenda, not a problem or a sign-in button.</summary>
    public const string AgendaShown = "data-state=\"Shown\"";

    public const string PortalSessionCookie = WebPortal.Authentication.AuthenticationExtensions.SessionCookieName;

    /// <summary>Clicks "Sign in with KlasCement" on the portal's start page and signs in as the member.</summary>
    public static async Task<SignedInSession> ToPortalAsync(Uri portal, string memberId, string memberName)
    {
        using var browser = new Browser(portal);
        var callback = await browser.Script.ConsentAsync(await browser.Script.StartAsync("KlasCement"), memberId);
        return await browser.LandAsync(callback, PortalSessionCookie, memberName);
    }

    /// <summary>
    /// Clicks "Sign in with MyOrganizer" on the portal's start page, signs in as the customer at the B2C stand-in,
    /// follows the callback and lands on the agenda, which must show the customer's agenda.
    /// </summary>
    public static async Task<SignedInSession> ToPortalWithMyOrganizerAsync(Uri portal, string customerId)
    {
        using var browser = new Browser(portal);
        var callback = await browser.Script.AnswerMyOrganizerAsync(await browser.Script.StartAsync("MyOrganizer"), customerId);
        return await browser.LandAsync(callback, PortalSessionCookie, AgendaShown);
    }

    /// <summary>Signs in to the <see cref="SaveTokensComparisonApp"/> through its challenge endpoint.</summary>
    public static async Task<SignedInSession> ToComparisonAppAsync(SaveTokensComparisonApp app, string memberId, string memberName)
    {
        using var browser = new Browser(app.SignInUri);
        using var challenge = await browser.App.GetAsync(app.SignInUri);
        var callback = await browser.Script.ConsentAsync(browser.Script.RedirectTarget(challenge), memberId);
        return await browser.LandAsync(callback, SaveTokensComparisonApp.CookieName, memberName);
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

    /// <summary>ChunkingCookieManager splits a large cookie "name" into "nameC1", "nameC2", ….</summary>
    private static bool IsChunkOf(string name, string cookieName) =>
        name.Length > cookieName.Length + 1
        && name.StartsWith(cookieName + "C", StringComparison.Ordinal)
        && name[(cookieName.Length + 1)..].All(char.IsAsciiDigit);
}

/// <summary>A signed-in session: the authentication cookies as the sign-in set them.</summary>
/// <param name="OtherCookies">What else the browser holds for the app and sends with every request: the anti-forgery cookie.</param>
internal sealed record SignedInSession(IReadOnlyList<KeyValuePair<string, string>> Cookies, IReadOnlyList<KeyValuePair<string, string>>? OtherCookies = null)
{
    /// <summary>The <c>Cookie</c> request header that carries this session, as the browser sends it.</summary>
    public string CookieHeader => string.Join("; ", Cookies.Concat(OtherCookies ?? []).Select(c => $"{c.Key}={c.Value}"));

    /// <summary>The session's cookies' names plus values, in bytes (both are ASCII).</summary>
    public int CookieBytes => Cookies.Sum(c => c.Key.Length + c.Value.Length);
}

/// <summary>One browser: a cookie jar for the app it signs in to, and a client for the stand-ins; redirects are left to the script.</summary>
internal sealed class Browser : IDisposable
{
    private readonly HttpClient _provider = new(new SocketsHttpHandler { AllowAutoRedirect = false });

    private readonly LoopbackCookieJar _jar = new();

    /// <param name="app">The app the browser signs in to (its origin is what counts).</param>
    public Browser(Uri app)
    {
        App = new HttpClient(_jar) { BaseAddress = new Uri(app.GetLeftPart(UriPartial.Authority)) };
        Script = new SignInScript(App, _provider);
    }

    /// <summary>The client for the app, with the browser's cookies.</summary>
    public HttpClient App { get; }

    public SignInScript Script { get; }

    /// <summary>
    /// Follows the provider's redirect to the app's callback, keeps the <paramref name="cookieName"/> cookies it sets,
    /// and follows the app's redirect to the landing page, which must show <paramref name="expected"/>.
    /// </summary>
    public async Task<SignedInSession> LandAsync(Uri callback, string cookieName, string expected)
    {
        using var answer = await App.GetAsync(callback);
        var cookies = SignIn.SetCookies(answer, cookieName);
        if (cookies.Count == 0)
        {
            throw new BenchmarkFailedException($"The sign-in callback set no {cookieName} cookie.");
        }

        using var landing = await App.GetAsync(Script.RedirectTarget(answer));
        var page = await landing.Content.ReadAsStringAsync();
        if (landing.StatusCode != HttpStatusCode.OK || !page.Contains(expected, StringComparison.Ordinal))
        {
            throw new BenchmarkFailedException($"After signing in, the landing page ({(int)landing.StatusCode}) does not show {expected}.");
        }

        // The anti-forgery cookie of the start page, which a browser keeps and sends with every page, as wrk then does.
        return new SignedInSession(cookies, _jar.CookiesOf(App.BaseAddress!, ".AspNetCore.Antiforgery."));
    }

    public void Dispose()
    {
        App.Dispose();
        _provider.Dispose();
    }
}
