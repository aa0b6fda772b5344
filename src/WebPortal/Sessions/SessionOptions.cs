using System.ComponentModel.DataAnnotations;

namespace WebPortal.Sessions;

/// <summary>Configuration section <c>Sessions</c>: how long a signed-in browser stays signed in.</summary>
public sealed class SessionOptions : IValidatableObject
{
    public const string Section = "Sessions";

    /// <summary>A session without a request for this long has ended.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>A session ends this long after its sign-in, however active it is.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How often ended sessions are deleted from the database.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(15);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IdleTimeout > AbsoluteLifetime)
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(IdleTimeout)} ({IdleTimeout}) must not be longer than {Section}:{nameof(AbsoluteLifetime)} ({AbsoluteLifetime}).",
                [nameof(IdleTimeout), nameof(AbsoluteLifetime)]);
        }
    }
}
