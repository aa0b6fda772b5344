using System.ComponentModel.DataAnnotations;

namespace WebPortal.Observability;

/// <summary>Configuration section <c>Metrics</c>: the OpenTelemetry metrics at <c>/metrics</c>, for Prometheus.</summary>
public sealed class MetricsOptions : IValidatableObject
{
    public const string Section = "Metrics";

    public const string Path = "/metrics";

    /// <summary>Serves <c>/metrics</c>; off by default.</summary>
    public bool Enabled { get; set; }

    /// <summary>What the scraper sends as <c>Authorization: Bearer …</c>; required when <see cref="Enabled"/>, at least 32 characters.</summary>
    public string? ScrapeToken { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled && ScrapeToken is not { Length: >= 32 })
        {
            yield return new ValidationResult("Metrics:ScrapeToken must be at least 32 characters when Metrics:Enabled is true.", [nameof(ScrapeToken)]);
        }
    }
}
