using System.Diagnostics;
using System.Net;
using AiCompare.Data;
using AiCompare.Tests.Support;
using Dapper;
using Microsoft.Data.Sqlite;

namespace AiCompare.Tests.Web.Cli;

/// <summary>The verbs, and the choice between a verb and the site, run as a real process against a real database file.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Import_ValidFolder_PrintsWhatItCreatedAndExitsZero()
    {
        var (code, stdout, stderr) = await RunAsync("import", TestPaths.Content);

        Assert.True(code == 0, stderr);
        Assert.Contains("created   tool smolvlm2-2b", stdout, StringComparison.Ordinal);
        Assert.Contains("created   critic founder", stdout, StringComparison.Ordinal);
        Assert.Contains("10 created, 0 updated, 0 unchanged.", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_Twice_ReportsEverythingUnchanged()
    {
        await RunAsync("import", TestPaths.Content);

        var (code, stdout, _) = await RunAsync("import", TestPaths.Content);

        Assert.Equal(0, code);
        Assert.Contains("0 created, 0 updated, 10 unchanged.", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_BadFolder_PrintsOneLinePerProblemExitsNonZeroAndChangesNothing()
    {
        await RunAsync("import", TestPaths.Content);
        var bad = new ContentBuilder(_temp.Combine("bad"))
            .Tool("smolvlm2", "SmolVLM2 changed", reviews: [("builder", 150, "ship", "Too high.")])
            .Tool("other", "Other", entry: "cheap");

        var (code, _, stderr) = await RunAsync("import", bad.Root);

        Assert.Equal(1, code);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("tools/smolvlm2.md: reviews[1].score: 150 is out of range (0 to 100)", lines);
        Assert.Contains("tools/other.md: pricing.entry: 'cheap' is not one of free, freemium, paid", lines);
        Assert.Contains(lines, l => l.StartsWith("Import failed: 2 problem(s); nothing was changed", StringComparison.Ordinal));
        await using var connection = new SqliteConnection(_temp.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Name FROM Tool WHERE Slug = 'smolvlm2'";
        Assert.Equal("SmolVLM2", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Import_WithoutDirectory_PrintsUsage()
    {
        var (code, _, stderr) = await RunAsync("import");

        Assert.Equal(2, code);
        Assert.Contains("usage: import <content-directory>", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddEditor_PipedPassword_CreatesAnAdminWhoCanSignIn()
    {
        var (code, stdout, stderr) = await RunWithInputAsync("correct horse battery staple\n", "add-editor", "Boss@Example.com", "--admin");

        Assert.True(code == 0, stderr);
        Assert.Contains("Created admin #1 boss@example.com", stdout, StringComparison.Ordinal);
        await using var connection = new SqliteConnection(_temp.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Role || ' ' || substr(PasswordHash, 1, 4) FROM Editor WHERE Email = 'boss@example.com'";
        var row = (string?)await command.ExecuteScalarAsync();
        Assert.StartsWith("admin ", row, StringComparison.Ordinal);
        Assert.DoesNotContain("correct horse", stdout + stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("short\n", new[] { "add-editor", "a@example.com" }, 2, "password: Use at least 12 characters.")]
    [InlineData("\n", new[] { "add-editor", "a@example.com" }, 2, "password: Enter a password.")]
    [InlineData("long enough password\n", new[] { "add-editor", "not-an-email" }, 2, "'not-an-email' is not a valid email address")]
    [InlineData("long enough password\n", new[] { "add-editor" }, 2, "usage: add-editor <email>")]
    [InlineData("long enough password\n", new[] { "add-editor", "a@example.com", "--root" }, 2, "unexpected argument '--root'")]
    public async Task AddEditor_BadInput_ExplainsAndCreatesNothing(string input, string[] args, int expectedCode, string message)
    {
        var (code, _, stderr) = await RunWithInputAsync(input, args);

        Assert.Equal(expectedCode, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.Equal(0, await EditorRowsAsync());
    }

    [Fact]
    public async Task AddEditor_ExistingEmail_RefusesAndKeepsTheFirstAccount()
    {
        await RunWithInputAsync("first password here\n", "add-editor", "dup@example.com");

        var (code, _, stderr) = await RunWithInputAsync("second password here\n", "add-editor", "DUP@example.com", "--admin");

        Assert.Equal(1, code);
        Assert.Contains("already exists; nothing was changed", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("backpu")]
    [InlineData("lock-editor")]
    [InlineData("Import")]
    [InlineData("/srv/content")]
    public async Task UnknownCommand_ExitsTwoNamingItListsTheVerbsAndStartsNothing(string verb)
    {
        var port = SiteProcess.FreePort();

        var (code, stdout, stderr) = await RunAsync(verb, "--urls", $"http://127.0.0.1:{port}");

        Assert.Equal(2, code);
        Assert.StartsWith($"unknown command '{verb}'", stderr, StringComparison.Ordinal);
        foreach (var known in new[] { "import <directory>", "generate --tools N", "add-editor <email>", "help" })
        {
            Assert.Contains(known, stderr, StringComparison.Ordinal);
        }
        Assert.Equal("", stdout);
        Assert.False(File.Exists(_temp.DatabaseFile), "no database was created");
        Assert.False(Directory.Exists(_temp.Combine("data")), "nothing was written in the working directory");
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, port);
        listener.Start();
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task Help_ListsEveryVerbOnOneLineAndExitsZero(string arg)
    {
        var (code, stdout, stderr) = await RunAsync(arg);

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        var lines = stdout.Split('\n', StringSplitOptions.TrimEntries);
        foreach (var verb in new[] { "import", "generate", "add-editor", "backup", "restore", "help" })
        {
            Assert.Single(lines, l => l.StartsWith(verb + " ", StringComparison.Ordinal));
        }
        Assert.Contains(lines, l => l.StartsWith("(none)", StringComparison.Ordinal) && l.Contains("run the site", StringComparison.Ordinal));
        Assert.False(File.Exists(_temp.DatabaseFile));
    }

    [Theory]
    [InlineData("")]
    [InlineData("--environment|Production")]
    [InlineData("--Newsletter:SchedulerEnabled=false")]
    [InlineData("Newsletter:SchedulerEnabled=false")]
    public async Task HostSettingsOnly_RunTheSite(string settings)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "AiCompare.Web.dll");
        using var site = await SiteProcess.StartAsync(dll, _temp.Path, _temp.ConnectionString, settings.Split('|', StringSplitOptions.RemoveEmptyEntries));
        using var client = site.Client();

        using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.True(File.Exists(_temp.DatabaseFile));
    }

    /// <summary>
    /// Editor rows in the database the verbs use. Bad input may stop a verb before it creates the file or runs the
    /// migrations; then there is no table to hold an editor, which counts as none. Opening the file would create it,
    /// so a missing file is checked first.
    /// </summary>
    private async Task<long> EditorRowsAsync()
    {
        if (!File.Exists(_temp.DatabaseFile)) return 0;
        await using var connection = new Db(_temp.ConnectionString).Open();
        var hasTable = await connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'Editor')");
        return hasTable ? await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Editor") : 0;
    }

    private Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    private async Task<(int Code, string Stdout, string Stderr)> RunWithInputAsync(string? input, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "AiCompare.Web.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = _temp.Path,
        };
        start.ArgumentList.Add(dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["ConnectionStrings__AiCompare"] = _temp.ConnectionString;
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(input ?? "");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
