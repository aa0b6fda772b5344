using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using WebPortal.Sandbox.KlasCement;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Web;

/// <summary>The request log tells the portal's failures from requests their clients gave up on.</summary>
public sealed class RequestLogTests
{
    private const string RequestLogCategory = "Serilog.AspNetCore.RequestLoggingMiddleware";

    private static readonly Dictionary<string, string?> RequestLogAtDebug = new()
    {
        ["Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware"] = "Debug",
    };

    [Fact]
    public async Task A_request_its_client_gave_up_on_is_logged_at_Debug_not_as_an_error()
    {
        await using var harness = await PortalHarness.StartAsync(RequestLogAtDebug);
        var browser = harness.NewSession();
        await browser.SignInAsync();
        harness.Sandbox.SlowAnswerDelay = TimeSpan.FromMinutes(5);
        harness.Sandbox.ProfileEndpoint = SandboxBehaviour.Slow;
        var profileRequestsLogged = ProfileRequestLogs(harness).Count;

        using (var giveUp = new CancellationTokenSource())
        {
            var page = browser.Portal.GetAsync("/profile", giveUp.Token);
            await Eventually.TrueAsync(() => harness.Sandbox.SlowAnswers.Held == 1);
            await giveUp.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => page);
        }

        var entry = await Eventually.ReadAsync(() => ProfileRequestLogs(harness).Skip(profileRequestsLogged).FirstOrDefault());
        Assert.Equal(LogLevel.Debug, entry.Level);
        Assert.DoesNotContain(harness.Portal.Logs.Entries, e => e.Level >= LogLevel.Error);
    }

    private static List<FakeLogRecord> ProfileRequestLogs(PortalHarness harness) =>
        [.. harness.Portal.Logs.Entries.Where(e => e.Category == RequestLogCategory && e.PlainMessage.Contains("GET /profile", StringComparison.Ordinal))];
}
