namespace AiCompare.Tests.Support;

public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Content => Path.Combine(RepoRoot, "content");

    public static string WebRoot => Path.Combine(RepoRoot, "src", "AiCompare.Web", "wwwroot");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AiCompare.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("AiCompare.sln not found above " + AppContext.BaseDirectory);
    }
}
