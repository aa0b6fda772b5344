using System.Diagnostics;

namespace WebPortal.Bench;

internal static class CommandLine
{
    /// <summary>Runs a short command and returns what it printed, trimmed; throws when it fails.</summary>
    public static async Task<string> OutputOfAsync(string fileName, string arguments, string workingDirectory)
    {
        var (exitCode, output, error) = await RunAsync(fileName, arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries), workingDirectory);
        return exitCode == 0
            ? output.Trim()
            : throw new BenchmarkFailedException($"{fileName} {arguments} exited with {exitCode}: {error.Trim()}");
    }

    /// <summary>Runs a command to its end; an argument may hold a secret, so nothing here shows them.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string fileName, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new BenchmarkFailedException($"Could not run {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
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
