using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Serilog.Events;

namespace WebPortal.Tests.Infrastructure;

/// <summary>
/// Everything the portal in a test host logged, at every level down to Trace, as <see cref="FakeLogCollector"/> keeps
/// it. The portal logs through Serilog, which hands each event on to the host's logger providers, the fake one among them.
/// </summary>
public sealed class PortalLogs
{
    /// <summary>Made before the host, so that what a host that fails to start logged is still here.</summary>
    public FakeLogCollector Collector { get; } = FakeLogCollector.Create(new FakeLogCollectorOptions());

    /// <summary>Every entry so far, oldest first.</summary>
    public IReadOnlyList<FakeLogRecord> Entries => Collector.GetSnapshot();

    /// <summary>Every warning and error, one a line: what an assertion message needs to show why a flow went wrong.</summary>
    public string Warnings() =>
        string.Join('\n', Entries.Where(e => e.Level >= LogLevel.Warning).Select(e => $"{e.Level} {e.Category}: {e.Message}"));
}

/// <summary>The texts of a log entry the tests look in.</summary>
public static class PortalLogEntries
{
    extension(FakeLogRecord entry)
    {
        /// <summary>The message without the quotes Serilog puts around string values.</summary>
        public string PlainMessage => entry.Message.Replace("\"", "", StringComparison.Ordinal);

        /// <summary>Everything of the entry that could end up in a log sink: category, message, every property, exception.</summary>
        public string AllText => $"{entry.Category} {entry.Message} {Properties(entry)} {entry.Exception}";
    }

    private static string Properties(FakeLogRecord entry) => entry.State switch
    {
        // What Serilog hands to the providers: its own event, with every property, those the message does not show too.
        LogEvent serilog => string.Join("; ", serilog.Properties.Select(property => $"{property.Key}={property.Value}")),
        _ => string.Join("; ", entry.StructuredState?.Select(pair => $"{pair.Key}={pair.Value}") ?? []),
    };
}
