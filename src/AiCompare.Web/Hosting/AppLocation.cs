namespace AiCompare.Web.Hosting;

/// <summary>
/// Where the app runs from, so that it finds its own files (appsettings.json, wwwroot) whatever the
/// working directory, and so that its hints name the command that starts it the way it was started.
/// </summary>
public static class AppLocation
{
    private const string ProjectFile = "AiCompare.Web.csproj";

    /// <summary>The content root to pass to the host: the app's own folder, or null to leave the choice to the framework.</summary>
    public static string? ContentRoot(string[] args) => ContentRoot(
        args,
        AppContext.BaseDirectory,
        Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") ?? Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"));

    /// <summary>
    /// Null when a content root was asked for (<c>--contentRoot</c>, which the test host passes, or the
    /// environment variable). From the source tree (the app under <c>&lt;project&gt;/bin/</c>, as
    /// <c>dotnet run</c> starts it) the project folder, which holds wwwroot and appsettings.json.
    /// Otherwise the folder the app's assembly is in, which a publish fills.
    /// </summary>
    public static string? ContentRoot(string[] args, string appDirectory, string? contentRootVariable)
    {
        if (!string.IsNullOrEmpty(contentRootVariable) || args.Any(IsContentRootSwitch)) return null;
        return SourceProject(appDirectory) ?? Path.TrimEndingDirectorySeparator(appDirectory);
    }

    /// <summary>The command that runs a verb of this app, e.g. <c>dotnet /app/AiCompare.Web.dll add-editor</c>.</summary>
    public static string Command(string verb) => Command(verb, AppContext.BaseDirectory, Environment.ProcessPath);

    /// <summary>
    /// <c>dotnet run --project src/AiCompare.Web --</c> from the source tree; the apphost's path when the
    /// process is the apphost; otherwise <c>dotnet</c> and the assembly's path.
    /// </summary>
    public static string Command(string verb, string appDirectory, string? processPath)
    {
        if (SourceProject(appDirectory) is not null) return "dotnet run --project src/AiCompare.Web -- " + verb;
        if (Path.GetFileName(processPath) is "AiCompare.Web" or "AiCompare.Web.exe") return Quote(processPath!) + " " + verb;
        return "dotnet " + Quote(Path.Combine(appDirectory, "AiCompare.Web.dll")) + " " + verb;
    }

    /// <summary>The project folder when <paramref name="appDirectory"/> is a build output under its <c>bin</c> folder.</summary>
    public static string? SourceProject(string appDirectory)
    {
        for (var dir = new DirectoryInfo(appDirectory); dir?.Parent is not null; dir = dir.Parent)
        {
            if (dir.Name == "bin" && File.Exists(Path.Combine(dir.Parent.FullName, ProjectFile))) return dir.Parent.FullName;
        }
        return null;
    }

    // The command-line configuration provider's forms: --contentRoot=x, --contentRoot x, /contentRoot x.
    private static bool IsContentRootSwitch(string arg)
    {
        var key = arg.TrimStart('-', '/');
        if (key.Length == arg.Length) return false;
        var end = key.IndexOf('=', StringComparison.Ordinal);
        return (end < 0 ? key : key[..end]).Equals("contentRoot", StringComparison.OrdinalIgnoreCase);
    }

    private static string Quote(string path) => path.Contains(' ', StringComparison.Ordinal) ? "\"" + path + "\"" : path;
}
