using System.Net;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Web;

/// <summary>Dynamic answers (callbacks, pages with provider data, error pages) are never kept by a browser or a proxy; static files may be.</summary>
public sealed class NoStoreTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/profile")]
    [InlineData("/account/signin-error?provider=KlasCement&reason=ProviderError&reference=abc")]
    [InlineData("/no/such/page")]
    [InlineData("/signin-klascement?code=x&state=y")]
    public async Task A_page_of_a_signed_in_member_is_not_stored(string path)
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();
        await browser.SignInAsync();

        using var response = await browser.Portal.GetAsync(path);

        AssertNoStore(response);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/account/signin-error?provider=KlasCement&reason=Denied")]
    [InlineData("/no/such/page")]
    [InlineData("/profile")]
    [InlineData("/signin-klascement?error=access_denied&state=y")]
    public async Task A_page_without_a_session_is_not_stored(string path)
    {
        await using var harness = await PortalHarness.StartAsync();

        using var response = await harness.NewSession().Portal.GetAsync(path);

        AssertNoStore(response);
    }

    [Fact]
    public async Task The_sign_in_start_and_the_successful_callback_are_not_stored()
    {
        await using var harness = await PortalHarness.StartAsync();
        var browser = harness.NewSession();

        using var start = await browser.PostSignInStartAsync();
        var callback = await browser.ConsentAsync(start.Headers.Location!);
        using var landing = await browser.Portal.GetAsync(callback.PathAndQuery);

        AssertNoStore(start);
        Assert.Equal(HttpStatusCode.Found, landing.StatusCode);
        AssertNoStore(landing);
    }

    [Fact]
    public async Task The_agenda_and_MyOrganizer_s_callback_are_not_stored()
    {
        await using var harness = await MyOrganizerHarness.StartAsync();
        var browser = harness.NewSession();

        var callback = await browser.AnswerMyOrganizerAsync(await browser.StartSignInAsync(provider: "MyOrganizer"));
        using var landing = await browser.Portal.GetAsync(callback.PathAndQuery);
        using var agenda = await browser.Portal.GetAsync("/agenda");

        Assert.Equal(HttpStatusCode.Found, landing.StatusCode);
        AssertNoStore(landing);
        Assert.Equal(HttpStatusCode.OK, agenda.StatusCode);
        AssertNoStore(agenda);
    }

    [Fact]
    public async Task A_static_file_may_be_cached()
    {
        await using var harness = await PortalHarness.StartAsync();

        using var response = await harness.NewSession().Portal.GetAsync("/css/site.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.CacheControl?.NoStore ?? false);
    }

    private static void AssertNoStore(HttpResponseMessage response) =>
        Assert.True(response.Headers.CacheControl?.NoStore == true, $"{response.RequestMessage?.RequestUri?.AbsolutePath} ({(int)response.StatusCode}) has Cache-Control: {response.Headers.CacheControl}");
}
