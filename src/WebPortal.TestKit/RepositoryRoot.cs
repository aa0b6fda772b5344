namespace WebPortal.TestKit;

/// <summary>The checkout the tests or the bench run from.</summary>
public static class RepositoryRoot
{
    /// <summary>The folder with <c>WebPortal.sln</c> above the running build.</summary>
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "WebPortal.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No WebPortal.sln above {AppContext.BaseDirectory}: run from inside the repository.");
    }
}
