using System.Diagnostics;

namespace WebPortal.Bench;

internal static class CommandLine
{
    /// <summary>Runs a short command and returns what it printed, trimmed; throws when it fails.</summary>
    public static async Task<string> OutputOfAsync(string fileName, string arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new BenchmarkFailedException($"Could not run {fileName} {arguments}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? (await output).Trim()
            : throw new BenchmarkFailedException($"{fileName} {arguments} exited with {process.ExitCode}: {(await error).Trim()}");
    }
}

/// <summary>Which portal the figures belong to: the commit, and whether the working tree differed from it.</summary>
internal sealed record SourceRevision(string Commit, bool HasUncommittedChanges)
{
    public static async Task<SourceRevision> ReadAsync(string repositoryRoot)
    {
        try
        {
            return new(
                await CommandLine.OutputOfAsync("git", "rev-parse --short HEAD", repositoryRoot),
                (await CommandLine.OutputOfAsync("git", "status --porcelain -- src sandbox", repositoryRoot)).Length > 0);
        }
        catch (Exception exception) when (exception is BenchmarkFailedException or System.ComponentModel.Win32Exception)
        {
            // Not a git checkout, or no git: the figures stand, only their commit is unknown.
            return new("unknown", HasUncommittedChanges: false);
        }
    }

    public override string ToString() => HasUncommittedChanges ? $"{Commit} plus uncommitted changes in src/ or sandbox/" : Commit;
}
