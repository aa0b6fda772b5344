using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace WebPortal.Scaling;

/// <summary>
/// The other instances, reached through a Redis pub/sub channel (<c>{KeyPrefix}invalidations</c>): a publish reaches
/// every subscribed instance at once, well within the second the issue allows. Whether this instance hears them is
/// kept by <see cref="RedisInvalidationListener"/>.
/// </summary>
public sealed partial class RedisPeerInstances(IConnectionMultiplexer redis, IOptions<RedisOptions> options, ILogger<RedisPeerInstances> logger) : IPeerInstances
{
    private volatile bool _inSync;

    /// <summary>This process, so that it can skip what it told the others itself.</summary>
    public Guid InstanceId { get; } = Guid.NewGuid();

    public RedisChannel Channel { get; } = RedisChannel.Literal(options.Value.KeyPrefix + "invalidations");

    public bool CachesAreInSync => _inSync;

    public void Tell(CacheInvalidation invalidation)
    {
        try
        {
            redis.GetSubscriber().Publish(Channel, invalidation.Format(InstanceId), CommandFlags.FireAndForget);
        }
        catch (RedisException exception)
        {
            // The others cannot hear from Redis either, or will not be in sync once they can again (they forget
            // everything on reconnecting): nothing to do but say so.
            LogNotTold(logger, invalidation.Kind, exception.GetType().Name);
        }
    }

    internal void SetInSync(bool inSync) => _inSync = inSync;

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Could not tell the other instances about a changed {Kind} through Redis ({Error})")]
    private static partial void LogNotTold(ILogger logger, InvalidationKind kind, string error);
}
