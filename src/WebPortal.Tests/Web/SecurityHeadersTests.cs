using System.Net;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Web;

/// <summary>Every answer carries the portal's content security policy and the other browser-side protections.</summary>
public sealed class SecurityHeadersTests
{
    public static TheoryData<string, string> Requests => new()
    {
        { "GET", "/" },
        { "GET", "/account/signin-error?provider=KlasCement&reason=Denied" },
        { "GET", "/no/such/page" },
        { "GET", "/css/site.css" },
        { "GET", "/signin-klascement?code=x&state=y" },
        { "POST", "/account/signin/KlasCement" },
        { "POST", "/account/signout" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Every_answer_carries_the_content_security_policy_nosniff_and_no_referrer(string method, string path)
    {
        await using var klasCement = await KlasCementStandIn.StartAsync();
        await using var harness = await MyOrganizerHarness.StartAsync(klasCement: klasCement);
        var browser = harness.NewSession();

        using var response = await SendAsync(browser, method, path);

        Assert.Equal(
            "default-src 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'; "
            + $"form-action 'self' {klasCement.BaseUrl} {harness.MyOrganizer.BaseUrl}",
            Single(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Single(response, "Referrer-Policy"));
        Assert.Equal("DENY", Single(response, "X-Frame-Options"));
    }

    [Fact]
    public async Task The_policy_holds_on_the_error_page_of_a_failure()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInAsync();

        // A stale anti-forgery token is refused and re-executed as the portal's 400 page.
        using var response = await browser.Portal.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = "stale" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("default-src 'self'", Single(response, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task The_portal_s_pages_have_no_inline_script_or_style_the_policy_would_block()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        var pages = new List<PortalPage> { await browser.GetAsync("/"), await browser.GetAsync("/no/such/page") };
        pages.Add(await browser.SignInAsync());
        pages.Add(await browser.GetAsync("/"));
        pages.Add(await browser.GetAsync("/account/signin-error?provider=KlasCement&reason=Denied"));

        Assert.All(pages, page =>
        {
            Assert.DoesNotContain("<script", page.Html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<style", page.Html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(" style=", page.Html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch(@"\son[a-z]+\s*=", page.Html);
        });
    }

    [Fact]
    public async Task Outside_Development_a_host_other_than_localhost_gets_HSTS_over_https()
    {
        await using var harness = await PortalHarness.StartAsync(new Dictionary<string, string?> { ["AllowedHosts"] = "localhost;portal.example" });
        var browser = harness.NewSession();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "portal.example";
        using var response = await browser.Portal.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("max-age=", Single(response, "Strict-Transport-Security"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_Development_there_is_no_HSTS()
    {
        await using var portal = new PortalFactory(standIn: null, new Dictionary<string, string?> { ["AllowedHosts"] = "localhost;portal.example" }, "Development");
        using var browser = new PortalSession(portal);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "portal.example";
        using var response = await browser.Portal.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.StartsWith("default-src 'self'", Single(response, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> SendAsync(PortalSession browser, string method, string path)
    {
        if (method == "GET")
        {
            return await browser.Portal.GetAsync(path);
        }

        return path == "/account/signin/KlasCement"
            ? await browser.PostSignInStartAsync()
            : await browser.Portal.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = "stale" }));
    }

    private static string Single(HttpResponseMessage response, string header)
    {
        var values = response.Headers.TryGetValues(header, out var found) ? found.ToList() : [];
        if (response.Content.Headers.TryGetValues(header, out var content))
        {
            values.AddRange(content);
        }

        return Assert.Single(values);
    }
}
