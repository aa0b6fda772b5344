using System.ComponentModel.DataAnnotations;

namespace WebPortal.Integrations.Http;

/// <summary>Configuration section <c>ProviderHttp</c>: how patient the portal is with providers.</summary>
public sealed class ProviderHttpOptions
{
    public const string Section = "ProviderHttp";

    /// <summary>The longest one attempt of a call to a provider may take.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a failed idempotent GET is tried again. Token requests are never retried: a code works once.</summary>
    [Range(0, 5)]
    public int GetRetries { get; set; } = 2;
}
