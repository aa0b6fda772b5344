using System.Net;
using Microsoft.Net.Http.Headers;
using WebPortal.Authentication;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Security;

/// <summary>
/// Every cookie the portal sets is HttpOnly and Secure outside Development; the session cookie is SameSite=Lax and,
/// over https, <c>__Host-</c>-prefixed, so that no other host or plain-http page can plant or overwrite it. In
/// Development, which the sandbox serves over http://localhost, the same cookies work without Secure.
/// </summary>
public sealed class SessionCookieTests
{
    [Theory]
    [InlineData("Testing")]
    [InlineData("Production")]
    public async Task Outside_Development_over_https_every_cookie_is_Secure_and_the_session_cookie_is_Host_prefixed(string environment)
    {
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var portal = new PortalFactory(klasCement, environment: environment);
        using var browser = new PortalSession(portal);

        var profile = await browser.SignInAsync();

        Assert.Contains("An Peeters", profile.Text, StringComparison.Ordinal);
        var session = SetCookie(browser, AuthenticationExtensions.SecureSessionCookieName);
        AssertFlags(session, secure: true, SameSiteMode.Lax, "/");
        Assert.Null(session.Domain.Value);
        Assert.DoesNotContain(AllSetCookies(browser), cookie => cookie.Name == AuthenticationExtensions.SessionCookieName);
        AssertFlags(SetCookie(browser, ".AspNetCore.Correlation."), secure: true, SameSiteMode.Lax, "/signin-klascement");
        AssertFlags(SetCookie(browser, ".AspNetCore.Antiforgery."), secure: true, SameSiteMode.Strict, "/");
    }

    [Fact]
    public async Task Outside_Development_over_https_the_MyOrganizer_correlation_and_nonce_cookies_are_Secure()
    {
        await using var harness = await MyOrganizerHarness.StartAsync();
        var browser = harness.NewSession();

        var agenda = await browser.SignInWithMyOrganizerAsync();

        Assert.Contains("Lotte Maes", agenda.Text, StringComparison.Ordinal);
        AssertFlags(SetCookie(browser, AuthenticationExtensions.SecureSessionCookieName), secure: true, SameSiteMode.Lax, "/");
        AssertFlags(SetCookie(browser, ".AspNetCore.Correlation."), secure: true, SameSiteMode.Lax, "/signin-myorganizer");
        AssertFlags(SetCookie(browser, ".AspNetCore.OpenIdConnect.Nonce."), secure: true, SameSiteMode.Lax, "/signin-myorganizer");
    }

    [Fact]
    public async Task Outside_Development_a_page_served_over_plain_http_sets_its_anti_forgery_cookie_Secure_and_still_answers()
    {
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var portal = new PortalFactory(klasCement, environment: "Production");
        using var browser = new PortalSession(portal, origin: new Uri("http://localhost"));

        var page = await browser.GetAsync("/");

        // Browsers keep a Secure cookie on http://localhost (a secure origin to them) and drop it elsewhere over http.
        Assert.Equal(HttpStatusCode.OK, page.Status);
        AssertFlags(SetCookie(browser, ".AspNetCore.Antiforgery."), secure: true, SameSiteMode.Strict, "/");
    }

    [Fact]
    public async Task In_Development_over_http_the_cookies_work_without_Secure_and_the_session_cookie_keeps_its_plain_name()
    {
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var portal = new PortalFactory(klasCement, environment: "Development");
        using var browser = new PortalSession(portal, origin: new Uri("http://localhost"));

        var profile = await browser.SignInAsync();

        Assert.Contains("An Peeters", profile.Text, StringComparison.Ordinal);
        AssertFlags(SetCookie(browser, AuthenticationExtensions.SessionCookieName), secure: false, SameSiteMode.Lax, "/");
        Assert.DoesNotContain(AllSetCookies(browser), cookie => cookie.Name == AuthenticationExtensions.SecureSessionCookieName);
        AssertFlags(SetCookie(browser, ".AspNetCore.Correlation."), secure: false, SameSiteMode.Lax, "/signin-klascement");
        AssertFlags(SetCookie(browser, ".AspNetCore.Antiforgery."), secure: false, SameSiteMode.Strict, "/");
    }

    private static List<SetCookieHeaderValue> AllSetCookies(PortalSession browser) =>
        [.. browser.Exchanges.SelectMany(exchange => exchange.SetCookies).Select(header => SetCookieHeaderValue.Parse(header))];

    /// <summary>The first cookie the portal set whose name is, or starts with, <paramref name="name"/>; not a deletion.</summary>
    private static SetCookieHeaderValue SetCookie(PortalSession browser, string name)
    {
        var cookies = AllSetCookies(browser).Where(cookie => cookie.Value.Length > 0).ToList();
        var match = cookies.FirstOrDefault(cookie => name.EndsWith('.') ? cookie.Name.Value!.StartsWith(name, StringComparison.Ordinal) : cookie.Name == name);
        return match ?? throw new Xunit.Sdk.XunitException($"The portal set no {name} cookie; it set: {string.Join(", ", cookies.Select(c => c.Name))}");
    }

    private static void AssertFlags(SetCookieHeaderValue cookie, bool secure, SameSiteMode sameSite, string path)
    {
        Assert.True(cookie.HttpOnly, $"{cookie.Name} is not HttpOnly.");
        Assert.True(cookie.Secure == secure, $"{cookie.Name} is {(cookie.Secure ? "" : "not ")}Secure.");
        Assert.True(cookie.SameSite == sameSite, $"{cookie.Name} is SameSite={cookie.SameSite}.");
        Assert.Equal(path, cookie.Path.Value);
    }
}
