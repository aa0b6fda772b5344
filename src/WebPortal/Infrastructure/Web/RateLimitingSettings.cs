using Microsoft.Extensions.Options;

namespace WebPortal.Infrastructure.Web;

/// <summary>
/// Configuration section <c>RateLimiting</c>: how many sign-in requests (starts and provider callbacks together) one
/// client address may make per window.
/// </summary>
public sealed class RateLimitingSettings
{
    public const string Section = "RateLimiting";

    public static readonly TimeSpan ShortestWindow = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan LongestWindow = TimeSpan.FromDays(1);

    /// <summary>On when unset, except in the Development environment.</summary>
    public bool? Enabled { get; set; }

    /// <summary>
    /// Sign-in requests per client address and window; one sign-in takes two (its start and its callback). Sized
    /// for a school or practice behind one address, not for one person.
    /// </summary>
    public int SignInPermitLimit { get; set; } = 30;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

internal sealed class RateLimitingSettingsValidator : IValidateOptions<RateLimitingSettings>
{
    public ValidateOptionsResult Validate(string? name, RateLimitingSettings settings)
    {
        var failures = new List<string>();
        if (settings.SignInPermitLimit < 1)
        {
            failures.Add($"{RateLimitingSettings.Section}:SignInPermitLimit must be at least 1.");
        }

        if (settings.Window < RateLimitingSettings.ShortestWindow || settings.Window > RateLimitingSettings.LongestWindow)
        {
            failures.Add($"{RateLimitingSettings.Section}:Window must be between {RateLimitingSettings.ShortestWindow:c} and {RateLimitingSettings.LongestWindow:c}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
