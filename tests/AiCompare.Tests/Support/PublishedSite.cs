using System.Diagnostics;

namespace AiCompare.Tests.Support;

/// <summary>
/// The web project published once (into a temp folder) for tests that run it as a deployment does. The
/// test output folder holds the app's assembly but not its wwwroot, so it is not a runnable site on its own.
/// Publishing reuses the build the test run already made (<c>--no-build</c>).
/// </summary>
public sealed class PublishedSite : IDisposable
{
    private readonly TempDirectory _temp = new();

    public PublishedSite()
    {
        // bin/<Configuration>/<TargetFramework>/: publish the build this test run was built from.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestPaths.RepoRoot,
        };
        foreach (var a in new[] { "publish", Path.Combine("src", "AiCompare.Web"), "-c", configuration, "-o", Folder, "--no-build", "-nologo" }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet publish took over 2 minutes");
        }
        if (process.ExitCode != 0) throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
    }

    public string Folder => _temp.Combine("app");

    public string Dll => Path.Combine(Folder, "AiCompare.Web.dll");

    public void Dispose() => _temp.Dispose();
}
