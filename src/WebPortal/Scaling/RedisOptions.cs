using System.ComponentModel.DataAnnotations;

namespace WebPortal.Scaling;

/// <summary>
/// Configuration section <c>Redis</c>: switches Redis on for the caches every instance shares, for their invalidation
/// across instances, and for the refresh locks. Without it the portal runs as one instance (or, on PostgreSQL, takes
/// its refresh locks there).
/// </summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>redis:6379,password=…,ssl=true</c>.</summary>
    public string? Configuration { get; set; }

    /// <summary>Put before every key and channel the portal uses, so that several portals can share one Redis.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9:_.-]{1,64}$", ErrorMessage = "Redis:KeyPrefix must be 1 to 64 letters, digits or : _ . -")]
    public string KeyPrefix { get; set; } = "webportal:";

    /// <summary>
    /// How long a refresh lock lasts in Redis unless its holder extends it (it does, while it lives): an instance that
    /// dies holding one blocks that connection's refresh for at most this long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan LockExpiry { get; set; } = TimeSpan.FromSeconds(10);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Configuration);
}
