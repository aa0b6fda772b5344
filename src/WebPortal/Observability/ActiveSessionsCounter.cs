using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WebPortal.Data;

namespace WebPortal.Observability;

/// <summary>
/// Counts the sessions that have not ended, in the database every instance shares, for
/// <see cref="PortalMetrics"/>: a scrape reads the latest count rather than querying the database itself.
/// </summary>
public sealed partial class ActiveSessionsCounter(IServiceScopeFactory scopes, PortalMetrics metrics, IOptions<Sessions.SessionOptions> sessions, TimeProvider time, ILogger<ActiveSessionsCounter> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
                var now = time.GetUtcNow();
                var idleSince = now - sessions.Value.IdleTimeout;
                metrics.CountedActiveSessions(await db.Sessions.LongCountAsync(s => s.ExpiresAt > now && s.LastSeenAt > idleSince, stoppingToken));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogCountFailed(logger, exception.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Could not count the active sessions for the metrics ({Error})")]
    private static partial void LogCountFailed(ILogger logger, string error);
}
