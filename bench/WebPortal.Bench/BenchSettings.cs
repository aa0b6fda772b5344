using System.Globalization;

namespace WebPortal.Bench;

/// <summary>What one run does; every knob has the default the targets are stated for.</summary>
internal sealed record BenchSettings(
    string RepositoryRoot,
    int Connections,
    TimeSpan WarmUp,
    TimeSpan Duration,
    int BurstRequests)
{
    public const string Usage =
        "Usage: bench/run.sh [--connections 32] [--warmup-seconds 45] [--duration-seconds 10] [--burst 100]";

    public static BenchSettings Parse(IReadOnlyList<string> args)
    {
        // The measured window is the portal's steady state: on two cores the tiered JIT needs about 40 s under load to
        // finish optimising the request path, and figures taken before that measure the JIT rather than the portal.
        var settings = new BenchSettings(FindRepositoryRoot(), Connections: 32, TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(10), BurstRequests: 100);
        for (var i = 0; i < args.Count; i += 2)
        {
            var value = i + 1 < args.Count && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
                ? number
                : throw new ArgumentException($"{args[i]} needs a positive whole number.");
            settings = args[i] switch
            {
                "--connections" => settings with { Connections = value },
                "--warmup-seconds" => settings with { WarmUp = TimeSpan.FromSeconds(value) },
                "--duration-seconds" => settings with { Duration = TimeSpan.FromSeconds(value) },
                "--burst" => settings with { BurstRequests = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        return settings;
    }

    public string PortalProject => Path.Combine(RepositoryRoot, "src", "WebPortal");

    public string PortalDll => Path.Combine(PortalProject, "bin", "Release", "net10.0", "WebPortal.dll");

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "WebPortal.sln")))
            {
                return directory.FullName;
            }
        }

        throw new BenchmarkFailedException($"No WebPortal.sln above {AppContext.BaseDirectory}.");
    }
}
