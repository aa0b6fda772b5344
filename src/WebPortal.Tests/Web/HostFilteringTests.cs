using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Web;

/// <summary>The OAuth handlers build redirect_uri from the request's host: a host the portal does not serve is refused.</summary>
public sealed class HostFilteringTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/signin-klascement?code=x&state=y")]
    public async Task A_request_for_a_host_the_portal_does_not_serve_is_refused(string path)
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();

        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "attacker.example";
        using var response = await browser.Portal.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_sign_in_started_with_a_spoofed_host_never_sends_a_redirect_uri_on_that_host()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();

        using var response = await browser.PostSignInStartAsync(headers: headers => headers.Host = "attacker.example");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task A_host_named_in_AllowedHosts_is_served_and_is_the_one_in_redirect_uri()
    {
        await using var harness = await PortalHarness.StartAsync(new Dictionary<string, string?> { ["AllowedHosts"] = "localhost;portal.example" });
        var browser = harness.NewSession();

        using var response = await browser.PostSignInStartAsync(headers: headers => headers.Host = "portal.example");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("https://portal.example/signin-klascement", RedirectUri(response));
    }

    [Theory]
    [InlineData("Production", "*")]
    [InlineData("Production", "")]
    [InlineData("Staging", "portal.example;*")]
    public async Task Outside_Development_a_portal_that_would_answer_any_host_does_not_start(string environment, string allowedHosts)
    {
        await using var portal = new PortalFactory(standIn: null, new Dictionary<string, string?> { ["AllowedHosts"] = allowedHosts }, environment);

        Assert.ThrowsAny<Exception>(() => portal.Server);

        var critical = Assert.Single(portal.Logs.Entries, entry => entry.Level == LogLevel.Critical);
        Assert.Equal(
            "WebPortal cannot start: AllowedHosts must name the host names the portal is reached at (e.g. portal.example.org), not '*', outside Development.",
            critical.PlainMessage);
    }

    public static string RedirectUri(HttpResponseMessage response) =>
        QueryHelpers.ParseQuery(response.Headers.Location!.Query)["redirect_uri"].ToString();
}
