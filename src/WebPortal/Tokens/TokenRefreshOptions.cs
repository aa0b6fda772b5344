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
}
