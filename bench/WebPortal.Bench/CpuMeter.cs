using System.Globalization;

namespace WebPortal.Bench;

/// <summary>
/// Who used the machine's CPU during a phase, from <c>/proc</c>: the portal (and within it, its JIT's background
/// thread), the bench (load generator and stand-in), and everything else. A busy "others" share means the run was
/// disturbed; a busy JIT thread means the portal was still warming up.
/// </summary>
internal sealed class CpuMeter(int portalProcessId)
{
    /// <summary>/proc reports times in USER_HZ, which Linux fixes at 100 per second.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>The thread that recompiles hot methods with full optimisation (tier 1) in the background.</summary>
    private const string TieredCompilationThread = ".NET Tiered Com";

    public CpuSnapshot Take() => new(
        ReadMachine(out var idle),
        idle,
        ReadProcess(portalProcessId),
        ReadThreads(portalProcessId, TieredCompilationThread),
        ReadProcess(Environment.ProcessId));

    public static CpuUsage Between(CpuSnapshot before, CpuSnapshot after)
    {
        double total = after.MachineTicks - before.MachineTicks;
        if (total <= 0)
        {
            return new CpuUsage(0, 0, 0, 0, TimeSpan.Zero, TimeSpan.Zero);
        }

        var portal = after.PortalTicks - before.PortalTicks;
        var bench = after.BenchTicks - before.BenchTicks;
        var idle = after.IdleTicks - before.IdleTicks;
        return new CpuUsage(
            portal / total,
            bench / total,
            Math.Max(0, total - portal - bench - idle) / total,
            idle / total,
            TimeSpan.FromSeconds(portal / TicksPerSecond),
            TimeSpan.FromSeconds(Math.Max(0, after.PortalJitTicks - before.PortalJitTicks) / TicksPerSecond));
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

    private static long ReadProcess(int processId) => ReadTicks($"/proc/{processId}/stat");

    private static long ReadThreads(int processId, string threadName)
    {
        try
        {
            return Directory.EnumerateDirectories($"/proc/{processId}/task")
                .Where(thread => ReadName(thread) == threadName)
                .Sum(thread => ReadTicks(Path.Combine(thread, "stat")));
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

    /// <summary>utime + stime of a process or thread.</summary>
    private static long ReadTicks(string statPath)
    {
        try
        {
            // utime and stime are the 14th and 15th fields; the command name before them may contain spaces.
            var stat = File.ReadAllText(statPath);
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}

internal sealed record CpuSnapshot(long MachineTicks, long IdleTicks, long PortalTicks, long PortalJitTicks, long BenchTicks);

/// <summary>Shares of the whole machine's CPU time (all cores) during a phase, and the portal's own CPU time.</summary>
/// <param name="PortalJitTime">CPU time of the portal's background tiered-compilation thread: JIT work, not requests.</param>
internal sealed record CpuUsage(double Portal, double Bench, double Others, double Idle, TimeSpan PortalCpuTime, TimeSpan PortalJitTime);
