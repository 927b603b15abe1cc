namespace VideoPlatform.TestSupport;

/// <summary>Where the repository is, found from the running assembly's own location (a test's or the bench's bin folder).</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Aspire.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("Aspire.sln not found above " + AppContext.BaseDirectory);
    }
}
