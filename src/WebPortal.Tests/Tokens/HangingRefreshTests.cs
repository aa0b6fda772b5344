using System.Net;
using WebPortal.Sandbox.KlasCement;
using WebPortal.Sandbox.MyOrganizer;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Tokens;

/// <summary>
/// A refresh that hangs or fails is made once per connection, whatever the number of requests waiting for it: they share
/// its outcome, give up after a bounded wait, and keep using a stored access token that is still valid.
/// </summary>
public sealed class HangingRefreshTests
{
    /// <summary>Longer than any test: an answer held this long only ends when the portal gives up or the test releases it.</summary>
    private static readonly TimeSpan Hang = TimeSpan.FromMinutes(5);

    /// <summary>How long a test waits for a page at most, so that a request hanging on a refresh fails the test instead.</summary>
    private static readonly TimeSpan PageDeadline = TimeSpan.FromSeconds(60);

    private static readonly Dictionary<string, string?> RefreshTimesOut = new()
    {
        ["ProviderHttp:Timeout"] = "00:00:02",
        ["Tokens:RefreshFailureBackoff"] = "00:05:00",
    };

    /// <summary>
    /// The test host's provider timeout (5 s): sign-in with MyOrganizer reads B2C's metadata and keys through the same
    /// client, which a shorter one can fail on a busy machine before the refresh is even tried.
    /// </summary>
    private static readonly Dictionary<string, string?> MyOrganizerRefreshTimesOut = new()
    {
        ["Tokens:RefreshFailureBackoff"] = "00:05:00",
    };

    private static readonly Dictionary<string, string?> WaitEndsBeforeTheRefresh = new()
    {
        ["ProviderHttp:Timeout"] = "00:05:00",
        ["Tokens:RefreshWaitTimeout"] = "00:00:01",
    };

    private static readonly Dictionary<string, string?> RefreshEarly = new()
    {
        ["Tokens:RefreshWaitTimeout"] = "00:00:01",
        ["Tokens:RefreshSkew"] = "00:50:00",
    };

    [Theory]
    [InlineData(4)]
    [InlineData(20)]
    public async Task KlasCement_requests_waiting_on_a_refresh_that_times_out_share_its_failure_and_cause_one_refresh_call(int requests)
    {
        await using var harness = await PortalHarness.StartAsync(RefreshTimesOut);
        var browser = harness.NewSession();
        await browser.SignInAsync();
        HangRefreshes(harness.Sandbox);
        await harness.ExpireStoredAccessTokensAsync();

        var pages = await GetAllAsync(browser, "/profile", requests);

        Assert.All(pages, page => AssertTookTooLong(page, "KlasCement"));
        Assert.Equal(1, harness.Sandbox.RefreshRequests);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(20)]
    public async Task MyOrganizer_requests_waiting_on_a_refresh_that_times_out_share_its_failure_and_cause_one_refresh_call(int requests)
    {
        await using var harness = await MyOrganizerHarness.StartAsync(MyOrganizerRefreshTimesOut);
        var browser = harness.NewSession();
        await browser.SignInWithMyOrganizerAsync();
        var before = await harness.StoredConnectionAsync(Customers.LotteMaes);
        HangRefreshes(harness.B2C);
        await harness.ExpireStoredAccessTokensAsync();

        var pages = await GetAllAsync(browser, "/agenda", requests);

        Assert.All(pages, page => AssertTookTooLong(page, "MyOrganizer"));
        Assert.Equal(1, harness.B2C.RefreshRequests);
        Assert.Equal(before.RefreshToken, (await harness.StoredConnectionAsync(Customers.LotteMaes)).RefreshToken);
    }

    [Fact]
    public async Task KlasCement_a_burst_right_after_a_failed_refresh_does_not_ask_again()
    {
        await using var harness = await PortalHarness.StartAsync(RefreshTimesOut);
        var browser = harness.NewSession();
        await browser.SignInAsync();
        HangRefreshes(harness.Sandbox);
        await harness.ExpireStoredAccessTokensAsync();
        await GetAllAsync(browser, "/profile", 4);

        var burst = await GetAllAsync(browser, "/profile", 10);

        Assert.All(burst, page => AssertTookTooLong(page, "KlasCement"));
        Assert.Equal(1, harness.Sandbox.RefreshRequests);
    }

    [Fact]
    public async Task MyOrganizer_a_burst_right_after_a_failed_refresh_does_not_ask_again()
    {
        await using var harness = await MyOrganizerHarness.StartAsync(MyOrganizerRefreshTimesOut);
        var browser = harness.NewSession();
        await browser.SignInWithMyOrganizerAsync();
        HangRefreshes(harness.B2C);
        await harness.ExpireStoredAccessTokensAsync();
        await GetAllAsync(browser, "/agenda", 4);

        var burst = await GetAllAsync(browser, "/agenda", 10);

        Assert.All(burst, page => AssertTookTooLong(page, "MyOrganizer"));
        Assert.Equal(1, harness.B2C.RefreshRequests);
    }

    [Fact]
    public async Task KlasCement_a_waiter_gives_up_while_the_refresh_still_hangs_and_the_refresh_runs_to_its_end()
    {
        await using var harness = await PortalHarness.StartAsync(WaitEndsBeforeTheRefresh);
        var browser = harness.NewSession();
        await browser.SignInAsync();
        var before = await harness.StoredConnectionAsync(Members.AnPeeters);
        HangRefreshes(harness.Sandbox);
        await harness.ExpireStoredAccessTokensAsync();

        var pages = await GetAllAsync(browser, "/profile", 4);

        Assert.All(pages, page => AssertTookTooLong(page, "KlasCement"));
        Assert.Equal(1, harness.Sandbox.SlowAnswers.Held);
        Assert.Equal(1, harness.Sandbox.RefreshRequests);

        harness.Sandbox.SlowAnswers.Release();
        await StoredUntilAsync(() => harness.StoredConnectionAsync(Members.AnPeeters), stored => stored.AccessToken != before.AccessToken);
        harness.Sandbox.RefreshEndpoint = SandboxBehaviour.Normal;
        var profile = await browser.GetAsync("/profile").WaitAsync(PageDeadline);

        Assert.Contains("An Peeters", profile.Text, StringComparison.Ordinal);
        Assert.Equal(1, harness.Sandbox.RefreshRequests);
    }

    [Fact]
    public async Task MyOrganizer_a_waiter_gives_up_while_the_refresh_still_hangs_and_the_rotated_refresh_token_is_still_stored()
    {
        await using var harness = await MyOrganizerHarness.StartAsync(WaitEndsBeforeTheRefresh);
        var browser = harness.NewSession();
        await browser.SignInWithMyOrganizerAsync();
        var before = await harness.StoredConnectionAsync(Customers.LotteMaes);
        HangRefreshes(harness.B2C);
        await harness.ExpireStoredAccessTokensAsync();

        var pages = await GetAllAsync(browser, "/agenda", 4);

        Assert.All(pages, page => AssertTookTooLong(page, "MyOrganizer"));
        Assert.Equal(1, harness.B2C.SlowAnswers.Held);
        Assert.Equal(1, harness.B2C.RefreshRequests);

        harness.B2C.SlowAnswers.Release();
        var after = await StoredUntilAsync(() => harness.StoredConnectionAsync(Customers.LotteMaes), stored => stored.RefreshToken != before.RefreshToken);
        harness.B2C.TokenEndpoint = B2CEndpointBehaviour.Normal;
        var agenda = await browser.GetAsync("/agenda").WaitAsync(PageDeadline);

        Assert.Contains("data-state=\"Shown\"", agenda.Html, StringComparison.Ordinal);
        Assert.Equal(1, harness.B2C.RefreshRequests);
        Assert.Equal(after.RefreshToken, (await harness.StoredConnectionAsync(Customers.LotteMaes)).RefreshToken);
    }

    [Theory]
    [InlineData(SandboxBehaviour.Slow)]
    [InlineData(SandboxBehaviour.ServerError)]
    public async Task KlasCement_a_failed_early_refresh_keeps_serving_the_stored_token_while_it_is_valid(SandboxBehaviour failure)
    {
        await using var harness = await PortalHarness.StartAsync(RefreshEarly, options => options.AccessTokenLifetime = TimeSpan.FromMinutes(30));
        var browser = harness.NewSession();
        await browser.SignInAsync();
        var stored = await harness.StoredConnectionAsync(Members.AnPeeters);
        var refreshesBefore = harness.Sandbox.RefreshRequests;
        HangRefreshes(harness.Sandbox);
        harness.Sandbox.RefreshEndpoint = failure;

        var profile = await browser.GetAsync("/profile").WaitAsync(PageDeadline);

        Assert.Equal(HttpStatusCode.OK, profile.Status);
        Assert.Contains("An Peeters", profile.Text, StringComparison.Ordinal);
        Assert.Equal(refreshesBefore + 1, harness.Sandbox.RefreshRequests);
        Assert.Equal(stored.AccessToken, (await harness.StoredConnectionAsync(Members.AnPeeters)).AccessToken);
    }

    [Theory]
    [InlineData(B2CEndpointBehaviour.Slow)]
    [InlineData(B2CEndpointBehaviour.ServerError)]
    public async Task MyOrganizer_a_failed_early_refresh_keeps_serving_the_stored_token_while_it_is_valid(B2CEndpointBehaviour failure)
    {
        await using var harness = await MyOrganizerHarness.StartAsync(RefreshEarly, b2c: options => options.AccessTokenLifetime = TimeSpan.FromMinutes(30));
        var browser = harness.NewSession();
        await browser.SignInWithMyOrganizerAsync();
        var stored = await harness.StoredConnectionAsync(Customers.LotteMaes);
        var refreshesBefore = harness.B2C.RefreshRequests;
        HangRefreshes(harness.B2C);
        harness.B2C.TokenEndpoint = failure;

        var agenda = await browser.GetAsync("/agenda").WaitAsync(PageDeadline);

        Assert.Equal(HttpStatusCode.OK, agenda.Status);
        Assert.Contains("data-state=\"Shown\"", agenda.Html, StringComparison.Ordinal);
        Assert.Equal(refreshesBefore + 1, harness.B2C.RefreshRequests);
        Assert.Equal(stored.RefreshToken, (await harness.StoredConnectionAsync(Customers.LotteMaes)).RefreshToken);
    }

    private static void HangRefreshes(KlasCementSandbox sandbox)
    {
        sandbox.SlowAnswerDelay = Hang;
        sandbox.RefreshEndpoint = SandboxBehaviour.Slow;
    }

    private static void HangRefreshes(B2CSandbox b2c)
    {
        b2c.SlowAnswerDelay = Hang;
        b2c.TokenEndpoint = B2CEndpointBehaviour.Slow;
    }

    private static Task<PortalPage[]> GetAllAsync(PortalSession browser, string path, int requests) =>
        Task.WhenAll(Enumerable.Range(0, requests).Select(_ => browser.GetAsync(path))).WaitAsync(PageDeadline);

    private static void AssertTookTooLong(PortalPage page, string provider)
    {
        Assert.Equal(HttpStatusCode.GatewayTimeout, page.Status);
        Assert.Contains("data-state=\"Unavailable\"", page.Html, StringComparison.Ordinal);
        Assert.Contains($"{provider} took too long to answer", page.Text, StringComparison.Ordinal);
    }

    /// <summary>Reads the stored connection until it shows what a refresh still running in the background stores.</summary>
    private static async Task<T> StoredUntilAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        using var deadline = new CancellationTokenSource(PageDeadline);
        while (true)
        {
            var stored = await read();
            if (done(stored))
            {
                return stored;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
        }
    }
}
