using StackExchange.Redis;

namespace WebPortal.Scaling;

/// <summary>
/// Hears what the other instances tell (<see cref="RedisPeerInstances"/>) and makes this instance's caches
/// (<see cref="ILocalCache"/>) forget it.
/// While the channel is down this instance may miss a change, so it counts as out of sync and its caches are bypassed;
/// once the channel is back it forgets everything it cached before it counts as in sync again.
/// </summary>
public sealed partial class RedisInvalidationListener(
    IConnectionMultiplexer redis,
    RedisPeerInstances peers,
    IEnumerable<ILocalCache> caches,
    ILogger<RedisInvalidationListener> logger) : BackgroundService
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        redis.ConnectionFailed += (_, failure) => LostChannel(failure.FailureType);
        redis.ConnectionRestored += (_, _) => _ = RegainChannelAsync();
        var subscriber = redis.GetSubscriber();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var queue = await subscriber.SubscribeAsync(peers.Channel);
                queue.OnMessage(message => ApplyAsync(message.Message));
                await RegainChannelAsync();
                return;
            }
            catch (RedisException exception)
            {
                LogNotSubscribed(logger, exception.GetType().Name);
                await Task.Delay(RetryInterval, stoppingToken);
            }
        }
    }

    private void LostChannel(ConnectionFailureType failure)
    {
        if (peers.CachesAreInSync)
        {
            LogOutOfSync(logger, failure);
        }

        peers.SetInSync(false);
    }

    private async Task RegainChannelAsync()
    {
        if (peers.CachesAreInSync || !redis.GetSubscriber().IsConnected(peers.Channel))
        {
            return;
        }

        foreach (var cache in caches)
        {
            await cache.ForgetAllHereAsync();
        }

        peers.SetInSync(true);
        LogInSync(logger);
    }

    private async Task ApplyAsync(RedisValue message)
    {
        if (!CacheInvalidation.TryParse(message, out var sender, out var invalidation))
        {
            LogMalformed(logger);
            return;
        }

        if (sender == peers.InstanceId)
        {
            return;
        }

        foreach (var cache in caches)
        {
            await cache.ForgetHereAsync(invalidation);
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Lost the Redis channel to the other instances ({Failure}): until it is back, this instance bypasses its caches and reads the database")]
    private static partial void LogOutOfSync(ILogger logger, ConnectionFailureType failure);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Listening to the other instances through Redis; this instance's caches are in use")]
    private static partial void LogInSync(ILogger logger);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "Could not subscribe to the Redis channel of the other instances ({Error}); trying again")]
    private static partial void LogNotSubscribed(ILogger logger, string error);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Warning, Message = "Ignored a malformed message on the Redis channel of the other instances")]
    private static partial void LogMalformed(ILogger logger);
}
