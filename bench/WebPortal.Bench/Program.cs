using System.Globalization;

namespace WebPortal.Bench;

/// <summary>
/// Measures the portal, on KlasCement's and MyOrganizer's stand-ins, next to the floor app (<see cref="FloorApp"/>) in
/// one run: session cookie sizes, the signed-in start page's, profile's and agenda's throughput and latency under wrk
/// against the floor's pages, refreshes caused by a burst of requests, the admin pages, and the portal's peak memory.
/// Writes <c>docs/benchmarks.md</c>. Exits non-zero only when the run itself fails; a missed target is a result.
/// Started with <c>--floor</c>, it is the floor app instead.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args is [FloorApp.Mode, .. var floorArguments])
        {
            return await FloorApp.RunAsync(floorArguments);
        }

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
            switch (settings.Mode)
            {
                case BenchMode.SeedOnly:
                    return await SeedOnlyAsync(settings);
                case BenchMode.Explain:
                    return await AdminQueryPlans.RunAsync(settings.DatabasePath!, Console.Out);
                case BenchMode.Serve:
                    await Benchmark.ServeAsync(settings);
                    return 0;
                case BenchMode.ExplainPostgreSql:
                    return await ExplainPostgreSqlAsync(settings);
            }

            var results = await Benchmark.RunAsync(settings);
            var docs = Directory.CreateDirectory(Path.Combine(settings.RepositoryRoot, "docs"));
            var path = Path.Combine(docs.FullName, "benchmarks.md");
            var report = Report.KeepingHandWrittenPart(Report.ToMarkdown(results), File.Exists(path) ? await File.ReadAllTextAsync(path) : null);
            await File.WriteAllTextAsync(path, report);
            PrintOutput("The portal's log (Warning and above):", results.PortalOutput);
            PrintOutput("The floor's log (Warning and above):", results.Floor.Output);
            Console.WriteLine();
            Console.WriteLine(report);
            Console.WriteLine($"Written to {Path.Combine("docs", "benchmarks.md")}.");
            return 0;
        }
        catch (BenchmarkFailedException failed)
        {
            await Console.Error.WriteLineAsync($"The benchmark run failed: {failed.Message}");
            return 1;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException or Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException)
        {
            await Console.Error.WriteLineAsync($"The benchmark run failed: {exception}");
            return 1;
        }
    }

    /// <summary><c>--seed-only</c>: a seeded database for trying the admin pages in Development, without the benchmark.</summary>
    private static async Task<int> SeedOnlyAsync(BenchSettings settings)
    {
        var path = settings.DatabasePath!;
        Console.WriteLine($"Seeding {settings.SeedUsers:N0} users into {path} …");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var seed = await AdminSeed.SeedAsync(path, settings.SeedUsers);
        Console.WriteLine(seed.Describe());
        Console.WriteLine();
        Console.WriteLine("Try the admin pages with it in Development (the sandbox's An Peeters is an admin):");
        Console.WriteLine($"  ConnectionStrings__Portal=\"Data Source={path}\" dotnet run --project src/WebPortal");
        Console.WriteLine($"then sign in with KlasCement as An Peeters and open /admin/accounts, e.g. /admin/accounts?q={AdminSeed.SearchQuery} or /admin/accounts/{seed.SampleUserId}.");
        return 0;
    }

    /// <summary><c>--explain-postgresql</c>: the plans of the admin pages' queries on a seeded PostgreSQL database, without the benchmark.</summary>
    private static Task<int> ExplainPostgreSqlAsync(BenchSettings settings) =>
        BenchPostgreSqlDatabase.UseAsync(async connectionString =>
        {
            var seed = await AdminSeed.SeedPostgreSqlAsync(connectionString, settings.SeedUsers);
            Console.WriteLine(seed.Describe());
            foreach (var page in await PostgreSqlAdminPlans.ReadAsync(connectionString, seed))
            {
                Console.WriteLine();
                Console.WriteLine($"## {page.Page}: {page.Execution.TotalMilliseconds:0.00} ms; sequential scans: {string.Join(", ", page.SequentiallyScanned.DefaultIfEmpty("none"))}");
                foreach (var query in page.Queries)
                {
                    Console.WriteLine();
                    Console.WriteLine(query.Sql);
                    Console.WriteLine(string.Join('\n', query.Plan.Select(line => $"  {line}")));
                }
            }

            return 0;
        });

    private static void PrintOutput(string title, IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }

        Console.WriteLine();
        Console.WriteLine(title);
        foreach (var line in lines)
        {
            Console.WriteLine($"  {line}");
        }
    }
}

/// <summary>The run could not measure what it set out to measure (as opposed to a target being missed).</summary>
internal sealed class BenchmarkFailedException(string message) : Exception(message);
