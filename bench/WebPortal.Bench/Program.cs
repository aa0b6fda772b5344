using System.Globalization;

namespace WebPortal.Bench;

/// <summary>
/// Measures the portal against KlasCement's and MyOrganizer's stand-ins, side by side in one run: session cookie
/// sizes, profile and agenda page throughput and latency, refreshes caused by a burst of requests, and the portal's
/// peak memory. Writes <c>docs/benchmarks.md</c>. Exits non-zero only when the run itself fails; a missed target is a result.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        BenchSettings settings;
        try
        {
            settings = BenchSettings.Parse(args);
        }
        catch (ArgumentException invalid)
        {
            await Console.Error.WriteLineAsync(invalid.Message);
            await Console.Error.WriteLineAsync(BenchSettings.Usage);
            return 2;
        }

        try
        {
            var results = await Benchmark.RunAsync(settings);
            var report = Report.ToMarkdown(results);
            var docs = Directory.CreateDirectory(Path.Combine(settings.RepositoryRoot, "docs"));
            await File.WriteAllTextAsync(Path.Combine(docs.FullName, "benchmarks.md"), report);
            PrintPortalOutput(results.PortalOutput);
            Console.WriteLine();
            Console.WriteLine(report);
            Console.WriteLine($"Written to {Path.Combine("docs", "benchmarks.md")}.");
            return 0;
        }
        catch (Exception exception) when (exception is BenchmarkFailedException or HttpRequestException or TaskCanceledException or IOException)
        {
            await Console.Error.WriteLineAsync($"The benchmark run failed: {exception}");
            return 1;
        }
    }

    private static void PrintPortalOutput(IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }

        Console.WriteLine();
        Console.WriteLine("The portal's log (Warning and above):");
        foreach (var line in lines)
        {
            Console.WriteLine($"  {line}");
        }
    }
}

/// <summary>The run could not measure what it set out to measure (as opposed to a target being missed).</summary>
internal sealed class BenchmarkFailedException(string message) : Exception(message);
