using Microsoft.Extensions.Logging;
using WebPortal.Sandbox.KlasCement;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Integrations.Http;

/// <summary>
/// A warning about a provider call is for an operator to act on: a provider that fails or times out is one, a visitor
/// who leaves before the provider answered is not.
/// </summary>
public sealed class ProviderCallLoggingTests
{
    private const int CallFailed = 3003;
    private const int CallAbandoned = 3004;

    [Fact]
    public async Task A_provider_call_given_up_because_the_visitor_left_is_logged_below_warning()
    {
        await using var harness = await PortalHarness.StartAsync(new Dictionary<string, string?> { ["ProviderHttp:Timeout"] = "00:00:30" });
        var browser = harness.NewSession();
        await browser.SignInAsync();
        harness.Sandbox.ProfileEndpoint = SandboxBehaviour.Slow;

        using var leave = new CancellationTokenSource();
        var profile = browser.Portal.GetAsync("/profile", leave.Token);
        await Eventually.TrueAsync(() => harness.Sandbox.SlowAnswers.Held == 1);
        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => profile);

        var abandoned = await Eventually.ReadAsync(() => harness.Portal.Logs.Entries.FirstOrDefault(entry => entry.Id.Id == CallAbandoned));
        Assert.Equal(LogLevel.Information, abandoned.Level);
        Assert.Contains("/api/users/", abandoned.PlainMessage, StringComparison.Ordinal);
        Assert.Contains("the visitor's request was aborted", abandoned.PlainMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Portal.Logs.Entries, entry => entry.Id.Id == CallFailed);
    }

    [Fact]
    public async Task A_provider_call_that_times_out_is_logged_as_a_warning()
    {
        await using var harness = await PortalHarness.StartAsync(new Dictionary<string, string?> { ["ProviderHttp:Timeout"] = "00:00:01" });
        var browser = harness.NewSession();
        await browser.SignInAsync();
        harness.Sandbox.ProfileEndpoint = SandboxBehaviour.Slow;

        await browser.GetAsync("/profile");

        var failed = harness.Portal.Logs.Entries.Where(entry => entry.Id.Id == CallFailed).ToList();
        Assert.NotEmpty(failed);
        Assert.All(failed, entry => Assert.Equal(LogLevel.Warning, entry.Level));
        Assert.All(failed, entry => Assert.Contains("/api/users/", entry.PlainMessage, StringComparison.Ordinal));
        Assert.DoesNotContain(harness.Portal.Logs.Entries, entry => entry.Id.Id == CallAbandoned);
    }
}
