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

    private static readonly Uri PortalOrigin = new("https://localhost");

    private readonly HttpClient _provider = new(new HttpClientHandler { AllowAutoRedirect = false });

    private readonly PortalFactory _factory;

    /// <param name="peer">The address the portal sees the requests come from (the in-memory server's connection address; nothing is sent there).</param>
    public PortalSession(PortalFactory portal, CookieContainer? cookies = null, IPAddress? peer = null)
    {
        _factory = portal;
        Cookies = cookies ?? new CookieContainer();
        Portal = peer is null
            ? portal.CreateDefaultClient(PortalOrigin, new CookieContainerHandler(Cookies))
            : new HttpClient(new CookieContainerHandler(Cookies) { InnerHandler = portal.Server.CreateHandler(context => context.Connection.RemoteIpAddress = peer) })
            {
                BaseAddress = PortalOrigin,
            };
    }

    public HttpClient Portal { get; }

    public CookieContainer Cookies { get; }

    public bool HasSessionCookie => Cookies.GetCookies(PortalOrigin).Any(c => c.Name == WebPortal.Authentication.AuthenticationExtensions.SessionCookieName);

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
                && (!location.IsAbsoluteUri || location.Host == PortalOrigin.Host))
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

    private async Task<string> GetAntiforgeryTokenAsync(string path)
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

/// <summary>A page as the browser got it.</summary>
public sealed record PortalPage(HttpStatusCode Status, string Html, string Path, Uri? Location)
{
    public string Text => WebUtility.HtmlDecode(Regex.Replace(Html, "<[^>]+>", " "));
}
