using System.Globalization;

namespace WebPortal.Bench;

/// <summary>What the bench is asked to do.</summary>
internal enum BenchMode
{
    /// <summary>The whole benchmark, written to <c>docs/benchmarks.md</c>.</summary>
    Run,

    /// <summary>Only fills <see cref="BenchSettings.DatabasePath"/> with seeded accounts, for trying the admin pages.</summary>
    SeedOnly,

    /// <summary>Only shows the plans and times of the admin list's queries on <see cref="BenchSettings.DatabasePath"/>.</summary>
    Explain,

    /// <summary>Starts the stand-ins, the portal and the floor, signs in, prints wrk commands for each page and waits: for a profiler.</summary>
    Serve,

    /// <summary>Seeds a PostgreSQL database of the bench's own and shows the plans of the admin pages' queries on it.</summary>
    ExplainPostgreSql,
}

/// <summary>What one run does; every knob has the default the targets are stated for.</summary>
/// <param name="SeedUsers">Users seeded into the portal's database before it starts (0: none, and no admin figures).</param>
/// <param name="AdminConnections">Connections of the admin pages' loads: few enough that p95 is a latency, not a queue.</param>
/// <param name="ScaleOut">Whether the run also measures two instances on PostgreSQL and Redis behind HAProxy.</param>
internal sealed record BenchSettings(
    string RepositoryRoot,
    int Connections,
    TimeSpan WarmUp,
    TimeSpan Duration,
    int BurstRequests,
    int SeedUsers,
    int AdminConnections,
    TimeSpan AdminWarmUp,
    BenchMode Mode = BenchMode.Run,
    string? DatabasePath = null,
    bool ScaleOut = true)
{
    public const int DefaultSeedUsers = 100_000;

    public const string Usage =
        "Usage: bench/run.sh [--connections 32] [--warmup-seconds 45] [--duration-seconds 10] [--burst 100]\n" +
        "                    [--seed-users 100000] [--admin-connections 4] [--admin-warmup-seconds 5] [--no-scale-out]\n" +
        "       bench/run.sh --seed-only <database file> [--seed-users 100000]\n" +
        "       bench/run.sh --explain <database file>\n" +
        "       bench/run.sh --explain-postgresql [--seed-users 100000]   (seeds a PostgreSQL database of its own)\n" +
        "       bench/run.sh --serve   (the portal and the floor signed in, wrk commands printed, until Enter)\n" +
        "--seed-users 0 skips the seeding and the admin pages. Database files are relative to the repository root.";

    public static BenchSettings Parse(IReadOnlyList<string> args)
    {
        // The measured window is the portal's steady state: on two cores the tiered JIT needs about 40 s under load to
        // finish optimising the request path, and figures taken before that measure the JIT rather than the portal.
        // The admin pages come last, on a portal whose shared request path is optimised by then: a short warm-up suffices.
        var settings = new BenchSettings(
            WebPortal.TestKit.RepositoryRoot.Find(),
            Connections: 32,
            TimeSpan.FromSeconds(45),
            TimeSpan.FromSeconds(10),
            BurstRequests: 100,
            DefaultSeedUsers,
            AdminConnections: 4,
            TimeSpan.FromSeconds(5));
        for (var i = 0; i < args.Count; i += 2)
        {
            var option = args[i];
            if (option is "--serve" or "--no-scale-out" or "--explain-postgresql")
            {
                // The options without an argument.
                settings = option switch
                {
                    "--serve" => settings with { Mode = BenchMode.Serve },
                    "--explain-postgresql" => settings with { Mode = BenchMode.ExplainPostgreSql },
                    _ => settings with { ScaleOut = false },
                };
                i--;
                continue;
            }

            var argument = i + 1 < args.Count ? args[i + 1] : null;
            settings = option switch
            {
                "--seed-only" => settings with { Mode = BenchMode.SeedOnly, DatabasePath = DatabaseFile(option, argument, settings.RepositoryRoot) },
                "--explain" => settings with { Mode = BenchMode.Explain, DatabasePath = DatabaseFile(option, argument, settings.RepositoryRoot) },
                "--seed-users" => settings with { SeedUsers = Number(option, argument, allowZero: true) },
                "--connections" => settings with { Connections = Number(option, argument) },
                "--warmup-seconds" => settings with { WarmUp = TimeSpan.FromSeconds(Number(option, argument)) },
                "--duration-seconds" => settings with { Duration = TimeSpan.FromSeconds(Number(option, argument)) },
                "--burst" => settings with { BurstRequests = Number(option, argument) },
                "--admin-connections" => settings with { AdminConnections = Number(option, argument) },
                "--admin-warmup-seconds" => settings with { AdminWarmUp = TimeSpan.FromSeconds(Number(option, argument)) },
                _ => throw new ArgumentException($"Unknown option {option}."),
            };
        }

        if (settings.Mode is BenchMode.SeedOnly or BenchMode.ExplainPostgreSql && settings.SeedUsers == 0)
        {
            throw new ArgumentException("--seed-only and --explain-postgresql need --seed-users of at least 1.");
        }

        return settings;
    }

    /// <summary>How this run was started, with the options that differ from their defaults.</summary>
    public string CommandLine
    {
        get
        {
            var defaults = Parse([]);
            var options = new List<string>();
            void Add(string option, double value, double defaultValue)
            {
                if (value != defaultValue)
                {
                    options.Add(FormattableString.Invariant($"{option} {value}"));
                }
            }

            Add("--connections", Connections, defaults.Connections);
            Add("--warmup-seconds", WarmUp.TotalSeconds, defaults.WarmUp.TotalSeconds);
            Add("--duration-seconds", Duration.TotalSeconds, defaults.Duration.TotalSeconds);
            Add("--burst", BurstRequests, defaults.BurstRequests);
            Add("--seed-users", SeedUsers, defaults.SeedUsers);
            Add("--admin-connections", AdminConnections, defaults.AdminConnections);
            Add("--admin-warmup-seconds", AdminWarmUp.TotalSeconds, defaults.AdminWarmUp.TotalSeconds);
            if (!ScaleOut)
            {
                options.Add("--no-scale-out");
            }

            return string.Join(' ', ["bash bench/run.sh", .. options]);
        }
    }

    /// <summary>
    /// The portal as deployed: <c>bench/run.sh</c> publishes it here (Release, ReadyToRun), and it runs from here with
    /// this folder as its content root, as the Docker image does.
    /// </summary>
    public string PortalDirectory => Path.Combine(RepositoryRoot, "artifacts", "bench", "portal");

    public const string PortalDllName = "WebPortal.dll";

    public string PortalDll => Path.Combine(PortalDirectory, PortalDllName);

    private static int Number(string option, string? argument, bool allowZero = false) =>
        int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && (number > 0 || (allowZero && number == 0))
            ? number
            : throw new ArgumentException($"{option} needs a {(allowZero ? "whole number" : "positive whole number")}.");

    private static string DatabaseFile(string option, string? argument, string repositoryRoot) =>
        string.IsNullOrWhiteSpace(argument) || argument.StartsWith("--", StringComparison.Ordinal)
            ? throw new ArgumentException($"{option} needs a database file, e.g. {option} /tmp/portal-100k.db.")
            : Path.GetFullPath(argument, repositoryRoot);
}
