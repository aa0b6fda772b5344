using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.WebUtilities;

namespace WebPortal.Tests.Infrastructure;

/// <summary>
/// One person's browser against the portal in the test host and the KlasCement stand-in: it keeps the portal's
/// cookies, follows redirects between the two, and answers KlasCement's consent screen.
/// </summary>
public sealed partial class PortalSession : IDisposable
{
    public const string AnPeeters = "532abc50af2c8";
    public const string JanJanssens = "61f0d2c7e9a41";

    /// <summary>MyOrganizer sandbox customers (B2C object ids); Sofie Wouters's agenda is empty.</summary>
    public const string LotteMaes = "a3f1c2d4-5b6e-4f70-8a91-b2c3d4e5f601";
    public const string PieterClaes = "b7e2d3c4-6a5f-4e81-9b02-c3d4e5f6a702";
    public const string SofieWouters = "c9d8e7f6-1a2b-4c3d-8e4f-5a6b7c8d9e03";

    private static readonly Uri DefaultOrigin = new("https://localhost");

    private readonly HttpClient _provider = new(new HttpClientHandler { AllowAutoRedirect = false });

    private readonly PortalFactory _factory;

    private readonly RecordingHandler _recorder = new();

    /// <param name="origin">Where the browser reaches the portal: the test host over https by default.</param>
    /// <param name="peer">The address the portal sees the requests come from (the in-memory server's connection address; nothing is sent there).</param>
    public PortalSession(PortalFactory portal, CookieContainer? cookies = null, Uri? origin = null, IPAddress? peer = null)
    {
        _factory = portal;
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
    public async Task<Uri> StartSignInAsync(string? returnUrl = null, string provider = "KlasCement")
    {
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = await GetAntiforgeryTokenAsync("/") };
        if (returnUrl is not null)
        {
            form["returnUrl"] = returnUrl;
        }

        using var response = await Portal.PostAsync($"/account/signin/{provider}", new FormUrlEncodedContent(form));
        Assert.True(response.StatusCode == HttpStatusCode.Found, $"The portal answered {(int)response.StatusCode}:\n{_factory.Logs.Warnings()}");
        return response.Headers.Location!;
    }

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
    public async Task<Uri> AnswerMyOrganizerAsync(Uri authorizeUri, string customerId = LotteMaes, string action = "signin")
    {
        Assert.True(authorizeUri.IsAbsoluteUri, $"The portal did not send the browser to MyOrganizer but to {authorizeUri}:\n{_factory.Logs.Warnings()}");
        string page;
        using (var response = await _provider.GetAsync(authorizeUri))
        {
            page = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"B2C answered {(int)response.StatusCode}: {page}");
        }

        var form = HiddenField().Matches(page).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        form["customer"] = customerId;
        form["sandbox_action"] = action;
        using var decision = await _provider.PostAsync(authorizeUri.GetLeftPart(UriPartial.Path), new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, decision.StatusCode);
        return decision.Headers.Location!;
    }

    /// <summary>Signs in with MyOrganizer as the customer and returns the page the portal lands on.</summary>
    public async Task<PortalPage> SignInWithMyOrganizerAsync(string customerId = LotteMaes, string? returnUrl = null)
    {
        var callback = await AnswerMyOrganizerAsync(await StartSignInAsync(returnUrl, "MyOrganizer"), customerId);
        return await GetAsync(callback.PathAndQuery);
    }

    /// <summary>Shows KlasCement's consent screen and answers it; returns the callback URL KlasCement redirects to.</summary>
    public async Task<Uri> ConsentAsync(Uri authorizeUri, string memberId = AnPeeters, bool allow = true)
    {
        using (var consentPage = await _provider.GetAsync(authorizeUri))
        {
            Assert.Equal(HttpStatusCode.OK, consentPage.StatusCode);
        }

        var query = QueryHelpers.ParseQuery(authorizeUri.Query);
        using var decision = await _provider.PostAsync(
            authorizeUri.GetLeftPart(UriPartial.Path),
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["client_id"] = query["client_id"].ToString(),
                ["redirect_uri"] = query["redirect_uri"].ToString(),
                ["state"] = query["state"].ToString(),
                ["member"] = memberId,
                ["decision"] = allow ? "allow" : "deny",
            }));
        Assert.Equal(HttpStatusCode.Redirect, decision.StatusCode);
        return decision.Headers.Location!;
    }

    /// <summary>Signs in with KlasCement as the member and returns the page the portal lands on.</summary>
    public async Task<PortalPage> SignInAsync(string memberId = AnPeeters)
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

    /// <summary>The anti-forgery token the forms of the page at <paramref name="path"/> carry.</summary>
    public async Task<string> GetAntiforgeryTokenAsync(string path)
    {
        var page = await GetAsync(path);
        var match = AntiforgeryField().Match(page.Html);
        Assert.True(match.Success, $"No anti-forgery token on {path}.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public void Dispose()
    {
        Portal.Dispose();
        _provider.Dispose();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenField();
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
