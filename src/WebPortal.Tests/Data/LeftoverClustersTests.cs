namespace WebPortal.Tests.Data;

/// <summary>A PostgreSQL cluster that an earlier, killed test process left behind is deleted by the next one that starts a cluster.</summary>
public sealed class LeftoverClustersTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("webportal-leftover-test-");

    [Fact]
    public void A_stopped_cluster_older_than_a_run_is_deleted_and_running_or_recent_ones_are_kept()
    {
        var now = DateTime.UtcNow;
        var leftOver = Cluster("stopped-long-ago", running: false, age: TimeSpan.FromDays(1), now);
        var running = Cluster("running-long", running: true, age: TimeSpan.FromDays(1), now);
        var recent = Cluster("stopped-just-now", running: false, age: TimeSpan.FromMinutes(5), now);
        var other = Directory.CreateDirectory(Path.Combine(_temp.FullName, "something-else"));
        other.LastWriteTimeUtc = now - TimeSpan.FromDays(1);

        LeftoverClusters.DeleteIn(_temp.FullName, now);

        Assert.False(Directory.Exists(leftOver.FullName));
        Assert.True(Directory.Exists(running.FullName));
        Assert.True(Directory.Exists(recent.FullName));
        Assert.True(Directory.Exists(other.FullName));
    }

    public void Dispose() => _temp.Delete(recursive: true);

    private DirectoryInfo Cluster(string name, bool running, TimeSpan age, DateTime now)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_temp.FullName, LeftoverClusters.FolderPrefix + name));
        var data = Directory.CreateDirectory(Path.Combine(folder.FullName, "data"));
        File.WriteAllText(Path.Combine(data.FullName, "PG_VERSION"), "15");
        if (running)
        {
            File.WriteAllText(Path.Combine(data.FullName, "postmaster.pid"), "4242");
        }

        folder.LastWriteTimeUtc = now - age;
        return folder;
    }
}
