namespace WebPortal.TestKit;

/// <summary>
/// The data folders of clusters that earlier test or bench processes started and did not get to delete: a process
/// deletes its own when it exits, but not when it is killed first (a test host is, once its run is over), and each
/// folder holds about 55 MB. A folder counts as left over when its server does not run (no <c>postmaster.pid</c>) and
/// it is older than any set-up or stop within a run takes.
/// </summary>
public static class LeftoverClusters
{
    public const string FolderPrefix = "webportal-postgresql-";

    /// <summary>Longer than initdb, a test's stop and start again, or a bench's run between two uses of its cluster.</summary>
    public static readonly TimeSpan MinimumAge = TimeSpan.FromHours(2);

    /// <summary>Deletes the left-over cluster folders in <paramref name="folder"/>; what cannot be deleted stays.</summary>
    public static void DeleteIn(string folder, DateTime utcNow)
    {
        foreach (var cluster in new DirectoryInfo(folder).EnumerateDirectories(FolderPrefix + "*"))
        {
            if (utcNow - cluster.LastWriteTimeUtc < MinimumAge || File.Exists(Path.Combine(cluster.FullName, "data", "postmaster.pid")))
            {
                continue;
            }

            try
            {
                cluster.Delete(recursive: true);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Another user's, or going away meanwhile.
            }
        }
    }
}
