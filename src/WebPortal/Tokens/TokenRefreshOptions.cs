using System.ComponentModel.DataAnnotations;

namespace WebPortal.Tokens;

/// <summary>Configuration section <c>Tokens</c>.</summary>
public sealed class TokenRefreshOptions
{
    public const string Section = "Tokens";

    /// <summary>An access token that expires within this margin is refreshed before use, so that it does not expire in flight.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RefreshSkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a valid access token stays in memory before the database is read again; zero turns the cache off.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a request waits for its connection's refresh before it gives up and says the provider is slow. The
    /// refresh itself goes on to its end (bounded by <c>ProviderHttp:Timeout</c>) and stores what it gets.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RefreshWaitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// With several instances: how long a refresh waits for the lock another instance holds on the same connection
    /// (<see cref="RefreshLocks"/>) before it counts as a timeout. The holder's refresh ends within
    /// <c>ProviderHttp:Timeout</c>; a holder that died releases the lock when its database connection ends.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RefreshLockTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// After a refresh failed because the provider was unavailable (timeout, 5xx, unreadable answer), requests within
    /// this time share that failure instead of asking the provider again; zero turns the back-off off.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RefreshFailureBackoff { get; set; } = TimeSpan.FromSeconds(5);
}
