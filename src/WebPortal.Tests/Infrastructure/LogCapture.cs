using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace WebPortal.Tests.Infrastructure;

/// <summary>Keeps every log event the portal writes, with its rendered message, properties and exception.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    public IReadOnlyCollection<CapturedLog> Entries => _entries;

    /// <summary>Every warning and error, one a line: what an assertion message needs to show why a flow went wrong.</summary>
    public string Warnings() =>
        string.Join('\n', _entries.Where(e => e.Level >= LogLevel.Warning).Select(e => $"{e.Level} {e.Category}: {e.Message}"));

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join("; ", pairs.Select(pair => $"{pair.Key}={pair.Value}"))
                : "";
            entries.Enqueue(new CapturedLog(category, logLevel, eventId, formatter(state, exception), properties, exception?.ToString()));
        }
    }
}

public sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message, string Properties, string? Exception)
{
    /// <summary>The message without the quotes Serilog puts around string values.</summary>
    public string PlainMessage => Message.Replace("\"", "", StringComparison.Ordinal);

    /// <summary>Everything of the entry that could end up in a log sink.</summary>
    public string AllText => $"{Category} {Message} {Properties} {Exception}";
}
