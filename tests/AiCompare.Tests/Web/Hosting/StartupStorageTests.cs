using System.Diagnostics;
using System.Runtime.Versioning;
using AiCompare.Data;
using AiCompare.Tests.Support;
using Microsoft.Data.Sqlite;

namespace AiCompare.Tests.Web.Hosting;

/// <summary>
/// The published site started on storage it cannot use: it exits 1 at once with one line naming the path and
/// the cause, which a supervisor logs, instead of an unhandled exception (exit 134) and a stack trace.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class StartupStorageTests(PublishedSite published) : IClassFixture<PublishedSite>, IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("db.sqlite")]
    [InlineData("data/db.sqlite")]
    public async Task Start_DatabaseFolderUnderAFile_ExitsOneWithOneLineNamingIt(string underTheFile)
    {
        var file = _temp.Combine("somefile");
        await File.WriteAllTextAsync(file, "not a folder");
        var database = Path.Combine(file, underTheFile);

        var (code, lines) = await StartAsync(database, asNobody: false);

        Assert.Equal(1, code);
        var line = Assert.Single(lines);
        Assert.Equal($"AiCompare cannot start: the database folder {Path.GetDirectoryName(database)} cannot be created: {file} is a file, not a folder", line);
        Assert.Equal("not a folder", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task Start_WhileARestoreHoldsTheDatabaseLock_ExitsOneSayingSo()
    {
        MigratedDatabaseIn("data", out var database);
        // What restore holds while it works: the lock file, exclusively (FileShare.None, an exclusive flock).
        await using var restoring = new FileStream(database + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var (code, lines) = await StartAsync(database, asNobody: false);

        Assert.Equal(1, code);
        var line = Assert.Single(lines);
        Assert.Equal(
            $"AiCompare cannot start: the database {database} is being restored (another process holds {database}.lock exclusively); start the site when the restore has finished",
            line);
    }

    [RootFact]
    public async Task Start_ReadOnlyDatabaseFolder_ExitsOneWithOneLineNamingIt()
    {
        var folder = MigratedDatabaseIn("data", out var database);
        File.SetUnixFileMode(folder, ReadAndTraverse);

        var (code, lines) = await StartAsync(database, asNobody: true);

        Assert.Equal(1, code);
        var line = Assert.Single(lines);
        Assert.StartsWith($"AiCompare cannot start: the database folder {folder} is read-only for this user (", line, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task Start_ReadOnlyDatabaseFile_ExitsOneWithOneLineNamingIt()
    {
        var folder = MigratedDatabaseIn("data", out var database);
        File.SetUnixFileMode(folder, ReadAndTraverse | UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite);
        File.SetUnixFileMode(database, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var (code, lines) = await StartAsync(database, asNobody: true);

        Assert.Equal(1, code);
        var line = Assert.Single(lines);
        Assert.Equal(
            $"AiCompare cannot start: the database {database} is read-only (attempt to write a readonly database (SQLite error 8)); the site needs to write it, its -wal and -shm files and its folder",
            line);
    }

    [RootFact]
    public async Task Start_MissingFolderInAReadOnlyOne_ExitsOneWithOneLineNamingIt()
    {
        var parent = Directory.CreateDirectory(_temp.Combine("readonly")).FullName;
        File.SetUnixFileMode(parent, ReadAndTraverse);
        var database = Path.Combine(parent, "data", "db.sqlite");

        var (code, lines) = await StartAsync(database, asNobody: true);

        Assert.Equal(1, code);
        var line = Assert.Single(lines);
        Assert.Equal($"AiCompare cannot start: the database folder {Path.GetDirectoryName(database)} cannot be created: Access to the path '{Path.GetDirectoryName(database)}' is denied.", line);
    }

    private const UnixFileMode ReadAndTraverse =
        UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private string MigratedDatabaseIn(string name, out string database)
    {
        var folder = Directory.CreateDirectory(_temp.Combine(name)).FullName;
        database = Path.Combine(folder, "db.sqlite");
        new Migrator(new Db($"Data Source={database}")).Migrate();
        SqliteConnection.ClearAllPools();
        return folder;
    }

    /// <summary>
    /// Starts the published site on <paramref name="database"/> (as the unprivileged user nobody when asked, for
    /// permissions root would ignore) and waits for it to exit; returns its exit code and non-empty output lines.
    /// A site that does not exit within a minute is killed with its children and the test fails.
    /// </summary>
    private async Task<(int Code, List<string> Lines)> StartAsync(string database, bool asNobody)
    {
        var home = Directory.CreateDirectory(_temp.Combine("home")).FullName;
        File.SetUnixFileMode(home, (UnixFileMode)0b111_111_111);
        var start = new ProcessStartInfo(asNobody ? "setpriv" : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = home,
        };
        var args = asNobody
            ? ["--reuid=nobody", "--regid=nogroup", "--clear-groups", "--inh-caps=-all", "dotnet", published.Dll]
            : new[] { published.Dll };
        foreach (var a in (string[])[.. args, "--urls", $"http://127.0.0.1:{SiteProcess.FreePort()}"]) start.ArgumentList.Add(a);
        start.Environment["ConnectionStrings__AiCompare"] = $"Data Source={database}";
        start.Environment["Newsletter__SchedulerEnabled"] = "false";
        start.Environment["HOME"] = home;
        start.Environment["DOTNET_CLI_HOME"] = home;
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        start.Environment.Remove("ASPNETCORE_URLS");
        var started = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"The site did not exit within a minute:\n{await stdout}\n{await stderr}");
        }
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), $"exited after {started.Elapsed.TotalSeconds:0.0} s");
        var output = await stdout + "\n" + await stderr;
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        return (process.ExitCode, output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList());
    }
}
