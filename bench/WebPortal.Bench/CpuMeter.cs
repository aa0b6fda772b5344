using System.Globalization;

namespace WebPortal.Bench;

/// <summary>
/// Who used the machine's CPU during a phase, from <c>/proc</c>: the app under load (the portal or the floor, and
/// within it, its JIT's background thread), wrk, the bench (stand-ins), and everything else. A busy "others" share
/// means the run was disturbed; a busy JIT thread means the app was still warming up.
/// </summary>
/// <param name="appProcessIds">The process under load, or the processes that share it (several portal instances).</param>
internal sealed class CpuMeter(params int[] appProcessIds)
{
    /// <summary>/proc reports times in USER_HZ, which Linux fixes at 100 per second.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>The thread that recompiles hot methods with full optimisation (tier 1) in the background.</summary>
    private const string TieredCompilationThread = ".NET Tiered Com";

    /// <summary>
    /// A snapshot; take the second one after wrk has exited. wrk's time is the bench's "children" time (cutime + cstime
    /// of <c>/proc/self/stat</c>): the kernel adds an exited child's CPU time there once the bench has waited for it,
    /// and wrk is the only child the bench waits for between two snapshots.
    /// </summary>
    public CpuSnapshot Take() => new(
        ReadMachine(out var idle),
        idle,
        appProcessIds.Sum(app => ReadTicks($"/proc/{app}/stat", OwnTimeField)),
        appProcessIds.Sum(app => ReadThreads(app, TieredCompilationThread)),
        ReadTicks($"/proc/{Environment.ProcessId}/stat", OwnTimeField),
        ReadTicks($"/proc/{Environment.ProcessId}/stat", ChildrenTimeField));

    /// <summary>The highest of the apps' VmHWM so far, in kB: where a run's peak memory was reached, load by load.</summary>
    public long? PeakResidentKb() =>
        appProcessIds.Select(app => ProcStatus.ReadKb(app.ToString(System.Globalization.CultureInfo.InvariantCulture), "VmHWM")).Max();

    public static CpuUsage Between(CpuSnapshot before, CpuSnapshot after)
    {
        double total = after.MachineTicks - before.MachineTicks;
        if (total <= 0)
        {
            return CpuUsage.None;
        }

        var app = after.AppTicks - before.AppTicks;
        var wrk = after.BenchChildrenTicks - before.BenchChildrenTicks;
        var bench = after.BenchTicks - before.BenchTicks;
        var idle = after.IdleTicks - before.IdleTicks;
        return new CpuUsage(
            app / total,
            wrk / total,
            bench / total,
            Math.Max(0, total - app - wrk - bench - idle) / total,
            idle / total,
            TimeSpan.FromSeconds(app / TicksPerSecond),
            TimeSpan.FromSeconds(Math.Max(0, after.AppJitTicks - before.AppJitTicks) / TicksPerSecond));
    }

    /// <summary>All CPUs' time since boot; <paramref name="idle"/> is the idle and I/O-wait part of it.</summary>
    private static long ReadMachine(out long idle)
    {
        // "cpu  user nice system idle iowait irq softirq steal guest guest_nice"
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..9]
            .Select(field => long.Parse(field, CultureInfo.InvariantCulture))
            .ToArray();
        idle = fields[3] + fields[4];
        return fields.Sum();
    }

    private static long ReadThreads(int processId, string threadName)
    {
        try
        {
            return Directory.EnumerateDirectories($"/proc/{processId}/task")
                .Where(thread => ReadName(thread) == threadName)
                .Sum(thread => ReadTicks(Path.Combine(thread, "stat"), OwnTimeField));
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static string? ReadName(string threadDirectory)
    {
        try
        {
            return File.ReadAllText(Path.Combine(threadDirectory, "comm")).Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>utime and stime, the 14th and 15th fields of a stat file: index 11 once the first three are cut off.</summary>
    private const int OwnTimeField = 11;

    /// <summary>cutime and cstime, the 16th and 17th fields: the CPU time of the children waited for.</summary>
    private const int ChildrenTimeField = 13;

    /// <summary>The user + system ticks at <paramref name="field"/> and the next field of a process's or thread's stat file.</summary>
    private static long ReadTicks(string statPath, int field)
    {
        try
        {
            // The command name before the fields may contain spaces: cut up to its closing parenthesis.
            var stat = File.ReadAllText(statPath);
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[field], CultureInfo.InvariantCulture) + long.Parse(fields[field + 1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}

internal sealed record CpuSnapshot(long MachineTicks, long IdleTicks, long AppTicks, long AppJitTicks, long BenchTicks, long BenchChildrenTicks);

/// <summary>Shares of the whole machine's CPU time (all cores) during a phase, and the app's own CPU time.</summary>
/// <param name="App">The process under load: the portal or the floor.</param>
/// <param name="Wrk">wrk, the load generator.</param>
/// <param name="Bench">The bench's own process: the stand-ins the app calls.</param>
/// <param name="AppJitTime">CPU time of the app's background tiered-compilation thread: JIT work, not requests.</param>
internal sealed record CpuUsage(double App, double Wrk, double Bench, double Others, double Idle, TimeSpan AppCpuTime, TimeSpan AppJitTime)
{
    public static readonly CpuUsage None = new(0, 0, 0, 0, 0, TimeSpan.Zero, TimeSpan.Zero);
}
