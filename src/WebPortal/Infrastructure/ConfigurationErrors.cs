using Microsoft.Extensions.Options;

namespace WebPortal.Infrastructure;

internal static class ConfigurationErrors
{
    /// <summary>
    /// Runs the start-up validation of every <c>ValidateOnStart</c> option now, before the host starts, so that a
    /// configuration error surfaces as one line rather than in the host's "failed to start" report.
    /// </summary>
    public static void ValidateConfiguration(this WebApplication app) =>
        app.Services.GetRequiredService<IStartupValidator>().Validate();

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
