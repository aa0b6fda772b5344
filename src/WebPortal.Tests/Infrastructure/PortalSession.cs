using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace WebPortal.Tests.Infrastructure;

/// <summary>
/// One person's browser against the portal in the test host and the stand-ins: it keeps the portal's cookies, follows
/// the portal's own redirects, and scripts the stand-ins' consent and sign-in pages with the test kit's <see cref="SignInScript"/>.
/// </summary>
public sealed class PortalSession : IDisposable
{
    private static readonly Uri DefaultOrigin = new("https://localhost");

    private readonly HttpClient _provider = new(new HttpClientHandler { AllowAutoRedirect = false });

    private readonly RecordingHandler _recorder = new();

    private readonly SignInScript _script;

    /// <param name="origin">Where the browser reaches the portal: the test host over https by default.</param>
    /// <param name="peer">The address the portal sees the requests come from (the in-memory server's connection address; nothing is sent there).</param>
    public PortalSession(PortalFactory portal, CookieContainer? cookies = null, Uri? origin = null, IPAddress? peer = null)
    {
        Origin = origin ?? DefaultOrigin;
        Cookies = cookies ?? new CookieContainer();
        Portal = (portal.OnKestrel, peer) switch
        {
            (true, _) => new HttpClient(new CookieContainerHandler(Cookies) { InnerHandler = OnTheWire(_recorder) }) { BaseAddress = Origin },
            (false, null) => portal.CreateDefaultClient(Origin, new CookieContainerHandler(Cookies), _recorder),
            (false, { } address) => new HttpClient(new CookieContainerHandler(Cookies) { InnerHandler = Through(_recorder, portal.Server.CreateHandler(context => context.Connection.RemoteIpAddress = address)) })
            {
                BaseAddress = Origin,
            },
        };
        // English, unless a test asks for another language: most tests read the English texts.
        Portal.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        _script = new SignInScript(Portal, _provider) { Explain = () => $"The portal's warnings:\n{portal.Logs.Warnings()}" };
    }

    public HttpClient Portal { get; }

    public Uri Origin { get; }

    public CookieContainer Cookies { get; }

    /// <summary>Every exchange with the portal so far, as the browser saw it on the wire.</summary>
    public IReadOnlyList<PortalExchange> Exchanges => _recorder.Exchanges;

    public bool HasSessionCookie => SessionCookie is not null;

    /// <summary>The portal session cookie the browser holds (<c>__Host-</c>-prefixed over https), or null.</summary>
    public Cookie? SessionCookie => Cookies.GetCookies(Origin).FirstOrDefault(c =>
        c.Name is WebPortal.Authentication.AuthenticationExtensions.SessionCookieName or WebPortal.Authentication.AuthenticationExtensions.SecureSessionCookieName);

    /// <summary>The recorder in front of <paramref name="server"/>, behind the cookie jar.</summary>
    private static RecordingHandler Through(RecordingHandler recorder, HttpMessageHandler server)
    {
        recorder.InnerHandler = server;
        return recorder;
    }

    /// <summary>A portal on Kestrel is reached over the loopback network, following no redirect by itself, like the test server's client.</summary>
    private static RecordingHandler OnTheWire(RecordingHandler recorder) =>
        Through(recorder, new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });

    /// <summary>Clicks "Sign in with …" on the start page; returns where the portal sends the browser.</summary>
    public Task<Uri> StartSignInAsync(string? returnUrl = null, string provider = "KlasCement") => _script.StartAsync(provider, returnUrl);

    /// <summary>Posts "Sign in with …" from the start page, with extra request headers; returns the portal's answer as it is.</summary>
    public async Task<HttpResponseMessage> PostSignInStartAsync(string provider = "KlasCement", Action<HttpRequestHeaders>? headers = null)
    {
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = await GetAntiforgeryTokenAsync("/") };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/account/signin/{provider}") { Content = new FormUrlEncodedContent(form) };
        headers?.Invoke(request.Headers);
        return await Portal.SendAsync(request);
    }

    /// <summary>
    /// Shows the B2C stand-in's user-flow page for <paramref name="authorizeUri"/> and answers it: sign in as the
    /// customer, "forgot password" or "cancel". Returns where B2C sends the browser: the portal's callback.
    /// </summary>
    public Task<Uri> AnswerMyOrganizerAsync(Uri authorizeUri, string customerId = Customers.LotteMaes, string action = "signin") =>
        _script.AnswerMyOrganizerAsync(authorizeUri, customerId, action);

    /// <summary>Signs in with MyOrganizer as the customer and returns the page the portal lands on.</summary>
    public async Task<PortalPage> SignInWithMyOrganizerAsync(string customerId = Customers.LotteMaes, string? returnUrl = null)
    {
        var callback = await AnswerMyOrganizerAsync(await StartSignInAsync(returnUrl, "MyOrganizer"), customerId);
        return await GetAsync(callback.PathAndQuery);
    }

    /// <summary>Shows KlasCement's consent screen and answers it; returns the callback URL KlasCement redirects to.</summary>
    public Task<Uri> ConsentAsync(Uri authorizeUri, string memberId = Members.AnPeeters, bool allow = true) =>
        _script.ConsentAsync(authorizeUri, memberId, allow);

    /// <summary>Signs in with KlasCement as the member and returns the page the portal lands on.</summary>
    public async Task<PortalPage> SignInAsync(string memberId = Members.AnPeeters)
    {
        var callback = await ConsentAsync(await StartSignInAsync(), memberId);
        return await GetAsync(callback.PathAndQuery);
    }

    /// <summary>GETs a portal page, following the portal's own redirects.</summary>
    public async Task<PortalPage> GetAsync(string pathAndQuery)
    {
        var path = pathAndQuery;
        for (var hops = 0; hops < 5; hops++)
        {
            using var response = await Portal.GetAsync(path);
            if (response.StatusCode is HttpStatusCode.Found or HttpStatusCode.Redirect && response.Headers.Location is { } location
                && (!location.IsAbsoluteUri || location.Authority == Origin.Authority))
            {
                path = location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
                continue;
            }

            return new PortalPage(response.StatusCode, await response.Content.ReadAsStringAsync(), path, response.Headers.Location);
        }

        throw new InvalidOperationException($"Too many redirects from {pathAndQuery}.");
    }

    /// <summary>Submits one of the page's sign-in buttons (Reconnect, Try again, …) the way the browser would.</summary>
    public async Task<Uri> PostSignInFormAsync(string pagePath, string provider = "KlasCement")
    {
        var token = await GetAntiforgeryTokenAsync(pagePath);
        using var response = await Portal.PostAsync(
            $"/account/signin/{provider}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        return response.Headers.Location!;
    }

    public async Task<PortalPage> SignOutAsync()
    {
        var token = await GetAntiforgeryTokenAsync("/");
        using var response = await Portal.PostAsync(
            "/account/signout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        return await GetAsync(response.Headers.Location!.OriginalString);
    }

    /// <summary>
    /// Posts a form the way the browser would, with the anti-forgery token of the page at <paramref name="tokenFrom"/>
    /// unless <paramref name="antiforgery"/> is false; returns the answer as it is, a redirect not followed.
    /// </summary>
    public async Task<PortalPage> PostFormAsync(string path, IReadOnlyDictionary<string, string>? fields = null, bool antiforgery = true, string tokenFrom = "/")
    {
        var form = new Dictionary<string, string>(fields ?? new Dictionary<string, string>());
        if (antiforgery)
        {
            form["__RequestVerificationToken"] = await GetAntiforgeryTokenAsync(tokenFrom);
        }

        using var response = await Portal.PostAsync(path, new FormUrlEncodedContent(form));
        return new PortalPage(response.StatusCode, await response.Content.ReadAsStringAsync(), path, response.Headers.Location);
    }

    /// <summary>The anti-forgery token the forms of the page at <paramref name="path"/> carry, following the portal's redirects to it.</summary>
    public async Task<string> GetAntiforgeryTokenAsync(string path)
    {
        var page = await GetAsync(path);
        return SignInScript.AntiforgeryToken(page.Html) ?? throw new InvalidOperationException($"No anti-forgery token on {path} ({(int)page.Status}).");
    }

    public void Dispose()
    {
        Portal.Dispose();
        _provider.Dispose();
    }
}

/// <summary>One request to the portal and its answer: the size of the Cookie header sent and the cookies set.</summary>
public sealed record PortalExchange(string Method, string Path, HttpStatusCode Status, int CookieHeaderLength, IReadOnlyList<string> SetCookies);

/// <summary>Sits between the cookie jar and the wire, so that it sees the Cookie header the jar added.</summary>
internal sealed class RecordingHandler : DelegatingHandler
{

    private readonly List<PortalExchange> _exchanges = [];

    public IReadOnlyList<PortalExchange> Exchanges
    {
        get
        {
            lock (_exchanges)
            {
                return [.. _exchanges];
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var cookieHeaderLength = request.Headers.TryGetValues("Cookie", out var cookies) ? cookies.Sum(c => c.Length) : 0;
        var response = await base.SendAsync(request, cancellationToken);
        var setCookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
        lock (_exchanges)
        {
            _exchanges.Add(new PortalExchange(request.Method.Method, request.RequestUri!.AbsolutePath, response.StatusCode, cookieHeaderLength, setCookies));
        }

        return response;
    }
}

/// <summary>A page as the browser got it.</summary>
public sealed record PortalPage(HttpStatusCode Status, string Html, string Path, Uri? Location)
{
    public string Text => WebUtility.HtmlDecode(Regex.Replace(Html, "<[^>]+>", " "));
}
