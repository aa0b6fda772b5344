using System.Net;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Web;

/// <summary>
/// X-Forwarded-* headers are believed only from a configured proxy; X-Forwarded-Host only when switched on and then
/// only for a host in AllowedHosts. The peers are the in-memory server's connection addresses (documentation
/// ranges): nothing is sent to them.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private static readonly IPAddress Proxy = IPAddress.Parse("192.0.2.10");
    private static readonly IPAddress Stranger = IPAddress.Parse("203.0.113.66");

    public static TheoryData<string, Dictionary<string, string?>> UntrustedPeers => new()
    {
        { "no forwarded headers configured", new Dictionary<string, string?>() },
        { "the framework's switch ASPNETCORE_FORWARDEDHEADERS_ENABLED", new Dictionary<string, string?> { ["ForwardedHeaders_Enabled"] = "true" } },
        {
            "another proxy configured",
            new Dictionary<string, string?>
            {
                ["ForwardedHeaders:Enabled"] = "true",
                ["ForwardedHeaders:KnownProxies:0"] = Proxy.ToString(),
                ["ForwardedHeaders:ForwardHost"] = "true",
                ["AllowedHosts"] = "localhost;attacker.example",
            }
        },
    };

    [Theory]
    [MemberData(nameof(UntrustedPeers))]
    public async Task Forwarded_headers_from_an_untrusted_peer_are_ignored(string because, Dictionary<string, string?> settings)
    {
        await using var harness = await PortalHarness.StartAsync(settings);
        var browser = harness.NewSession(Stranger);

        using var response = await browser.PostSignInStartAsync(headers: headers =>
        {
            headers.Add("X-Forwarded-Proto", "http");
            headers.Add("X-Forwarded-Host", "attacker.example");
            headers.Add("X-Forwarded-For", "198.51.100.7");
        });

        Assert.True(response.StatusCode == HttpStatusCode.Found, because);
        Assert.Equal("https://localhost/signin-klascement", HostFilteringTests.RedirectUri(response));
    }

    [Fact]
    public async Task The_scheme_a_configured_proxy_forwards_is_the_one_in_redirect_uri()
    {
        await using var harness = await PortalHarness.StartAsync(new Dictionary<string, string?>
        {
            ["ForwardedHeaders:Enabled"] = "true",
            ["ForwardedHeaders:KnownProxies:0"] = Proxy.ToString(),
        });
        var browser = harness.NewSession(Proxy);

        using var response = await browser.PostSignInStartAsync(headers: headers =>
        {
            headers.Add("X-Forwarded-Proto", "http");
            headers.Add("X-Forwarded-For", "198.51.100.7");
        });

        Assert.Equal("http://localhost/signin-klascement", HostFilteringTests.RedirectUri(response));
    }

    [Fact]
    public async Task A_proxy_in_a_configured_network_is_trusted()
    {
        await using var harness = await PortalHarness.StartAsync(new Dictionary<string, string?>
        {
            ["ForwardedHeaders:Enabled"] = "true",
            ["ForwardedHeaders:KnownNetworks:0"] = "192.0.2.0/24",
        });
        var browser = harness.NewSession(Proxy);

        using var response = await browser.PostSignInStartAsync(headers: headers => headers.Add("X-Forwarded-Proto", "http"));

        Assert.Equal("http://localhost/signin-klascement", HostFilteringTests.RedirectUri(response));
    }

    [Theory]
    [InlineData("true", "portal.example", "https://portal.example/signin-klascement")]
    [InlineData("true", "attacker.example", "https://localhost/signin-klascement")]
    [InlineData("false", "portal.example", "https://localhost/signin-klascement")]
    public async Task A_forwarded_host_is_used_only_when_switched_on_and_among_the_allowed_hosts(string forwardHost, string forwardedHost, string redirectUri)
    {
        await using var harness = await PortalHarness.StartAsync(new Dictionary<string, string?>
        {
            ["AllowedHosts"] = "localhost;portal.example",
            ["ForwardedHeaders:Enabled"] = "true",
            ["ForwardedHeaders:KnownProxies:0"] = Proxy.ToString(),
            ["ForwardedHeaders:ForwardHost"] = forwardHost,
        });
        var browser = harness.NewSession(Proxy);

        using var response = await browser.PostSignInStartAsync(headers: headers => headers.Add("X-Forwarded-Host", forwardedHost));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(redirectUri, HostFilteringTests.RedirectUri(response));
    }
}
