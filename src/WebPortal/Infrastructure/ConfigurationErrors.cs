using Microsoft.Extensions.Options;

namespace WebPortal.Infrastructure;

internal static class ConfigurationErrors
{
    /// <summary>The failures of start-up options validation as one line, or null when the exception is something else.</summary>
    public static string? From(Exception exception)
    {
        var failures = exception switch
        {
            OptionsValidationException invalid => invalid.Failures,
            AggregateException aggregate when aggregate.InnerExceptions.All(e => e is OptionsValidationException) =>
                aggregate.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures),
            _ => null,
        };
        return failures is null ? null : string.Join(" ", failures);
    }
}
