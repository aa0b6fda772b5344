using System.ComponentModel.DataAnnotations;

namespace WebPortal.Scaling;

/// <summary>
/// Configuration section <c>Redis</c>: switches Redis on for what several instances share besides the database: the
/// distributed cache (the gateway's app token) and the channel on which each instance tells the others what their
/// caches must forget. Without it the portal runs as one instance.
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

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Configuration);
}
