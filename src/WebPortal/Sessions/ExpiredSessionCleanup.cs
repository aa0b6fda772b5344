using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WebPortal.Data;

namespace WebPortal.Sessions;

/// <summary>
/// Deletes ended sessions (idle, or past their lifetime) every <see cref="SessionOptions.CleanupInterval"/>. A session is
/// refused the moment it has ended whether or not its row is gone; this keeps the table to the sessions that count.
/// </summary>
public sealed partial class ExpiredSessionCleanup(IServiceScopeFactory scopes, IOptions<SessionOptions> options, TimeProvider time, ILogger<ExpiredSessionCleanup> logger) : BackgroundService
{
    /// <summary>Deletes every ended session now; the number deleted.</summary>
    public async Task<int> DeleteEndedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = time.GetUtcNow();
        var idleSince = now - options.Value.IdleTimeout;
        var deleted = await db.Sessions.Where(s => s.ExpiresAt <= now || s.LastSeenAt <= idleSince).ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            LogDeleted(logger, deleted);
        }

        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CleanupInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await DeleteEndedAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The next round tries again: a busy or unreachable database must not stop the cleanup for good.
                LogFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(EventId = 5204, Level = LogLevel.Information, Message = "Deleted {Count} ended session(s)")]
    private static partial void LogDeleted(ILogger logger, int count);

    [LoggerMessage(EventId = 5205, Level = LogLevel.Warning, Message = "Could not delete ended sessions; trying again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
