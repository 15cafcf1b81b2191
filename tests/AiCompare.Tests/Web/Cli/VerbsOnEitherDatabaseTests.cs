using System.Diagnostics;
using AiCompare.Data;
using AiCompare.Tests.Support;
using Dapper;

namespace AiCompare.Tests.Web.Cli;

/// <summary>
/// The verbs of the published build, as processes, on PostgreSQL (and <c>export</c> on both databases):
/// <c>import</c> (all or nothing, idempotent, and seen by running nodes within a second), <c>export</c>
/// (read back unchanged by <c>import</c>), <c>generate</c> and <c>add-editor</c>. (<c>copy-to</c>:
/// CopyToTests; <c>backup</c> and <c>restore</c>: BackupRestoreTests; SQLite's verbs: CommandLineTests.)
/// </summary>
public sealed class VerbsOnEitherDatabaseTests(PublishedSite published) : IClassFixture<PublishedSite>, IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [PostgresFact]
    public async Task Import_IntoPostgreSql_IsAllOrNothing_Idempotent_AndReachesARunningNodeWithinASecond()
    {
        var database = await (await PostgresServer.Instance).CreateDatabaseAsync();

        var first = await RunAsync(database, "import", TestPaths.Content);
        var again = await RunAsync(database, "import", TestPaths.Content);
        var bad = new ContentBuilder(_temp.Combine("bad")).WithPanel()
            .Tool("smolvlm2", "SmolVLM2 changed", reviews: [("builder", 150, "ship", "Too high.")]);
        var refused = await RunAsync(database, "import", bad.Root);

        Assert.True(first.Code == 0, first.Stderr);
        Assert.Contains("10 created, 0 updated, 0 unchanged", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("0 created, 0 updated, 10 unchanged", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, refused.Code);
        Assert.Contains("tools/smolvlm2.md: reviews[1].score: 150 is out of range (0 to 100)", refused.Stderr, StringComparison.Ordinal);
        using (var connection = SuiteDatabase.Open(database))
        {
            Assert.Equal("SmolVLM2", connection.ExecuteScalar<string>("SELECT Name FROM Tool WHERE Slug = 'smolvlm2'"));
        }

        // A node serving the database holds the page; an import of a changed tool reaches it.
        using var node = SiteFactory.OnDatabase(database);
        await AiCompare.Tests.Web.Caching.NodeCoherenceTests.ListeningAsync(node);
        var client = node.Client();
        (await client.GetAsync("/tools/mistral-code")).Dispose();
        using (var cached = await client.GetAsync("/tools/mistral-code")) Assert.True(cached.Headers.Contains("Age"));
        var changed = new ContentBuilder(_temp.Combine("changed")).WithPanel()
            .Tool("mistral-code", "Mistral Code", tagline: "Imported while a node ran", category: "Developer Tools");
        Assert.Equal(0, (await RunAsync(database, "import", changed.Root)).Code);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var response = await client.GetAsync("/tools/mistral-code");
            if ((await response.Content.ReadAsStringAsync()).Contains("Imported while a node ran", StringComparison.Ordinal)) break;
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), "the node still served the page from before the import after 1 s");
            await Task.Delay(20);
        }
    }

    [PostgresFact]
    public async Task GenerateAndAddEditor_WorkOnPostgreSql()
    {
        var database = await (await PostgresServer.Instance).CreateDatabaseAsync();

        var generate = await RunAsync(database, "generate", "--tools", "300", "--seed", "3");
        var start = VerbProcess.Start(published.Dll, _temp.Path, database, "add-editor", "boss@example.com", "--admin");
        start.RedirectStandardInput = true;
        (int Code, string Stdout, string Stderr) added;
        using (var process = Process.Start(start)!)
        {
            await process.StandardInput.WriteAsync("correct horse battery staple\n");
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            added = (process.ExitCode, await stdout, await stderr);
        }

        Assert.True(generate.Code == 0, generate.Stderr);
        Assert.Contains("Added 300 synthetic tools", generate.Stdout, StringComparison.Ordinal);
        Assert.True(added.Code == 0, added.Stderr);
        using var connection = SuiteDatabase.Open(database);
        Assert.Equal(300, connection.ExecuteScalar<long>("SELECT count(*) FROM Tool"));
        Assert.Equal(1_200, connection.ExecuteScalar<long>("SELECT count(*) FROM Review"));
        Assert.Equal(300, connection.ExecuteScalar<long>("SELECT count(*) FROM ToolSearch"));
        Assert.Equal("admin", connection.ExecuteScalar<string>("SELECT Role FROM Editor WHERE Email = 'boss@example.com'"));
    }

    [Theory, Sqlite, PostgreSql]
    public async Task Export_ThenImportIntoANewDatabase_ThenExportAgain_GivesTheSameFiles(DatabaseProvider provider)
    {
        using var first = await TestDatabase.CreateAsync(provider);
        using var second = await TestDatabase.CreateAsync(provider);
        Assert.Equal(0, (await RunAsync(first.ConnectionString, "import", TestPaths.Content)).Code);

        var exported = await RunAsync(first.ConnectionString, "export", _temp.Combine("first"));
        var imported = await RunAsync(second.ConnectionString, "import", _temp.Combine("first"));
        var again = await RunAsync(second.ConnectionString, "export", _temp.Combine("second"));

        Assert.True(exported.Code == 0, exported.Stderr);
        Assert.Contains("Exported 6 tools and 4 critics", exported.Stdout, StringComparison.Ordinal);
        Assert.Contains("10 created, 0 updated, 0 unchanged", imported.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, again.Code);
        var files = Directory.GetFiles(_temp.Combine("first"), "*.md", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_temp.Combine("first"), f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(10, files.Count);
        foreach (var file in files) Assert.Equal(File.ReadAllText(_temp.Combine("first", file)), File.ReadAllText(_temp.Combine("second", file)));
    }

    [Fact]
    public async Task Export_IntoAFolderThatIsNotEmpty_IsRefused_AndWritesNothing()
    {
        Directory.CreateDirectory(_temp.Combine("taken"));
        File.WriteAllText(_temp.Combine("taken", "keep.txt"), "mine");

        var (code, _, stderr) = await RunAsync(_temp.ConnectionString, "export", _temp.Combine("taken"));
        var usage = await RunAsync(_temp.ConnectionString, "export");

        Assert.Equal(1, code);
        Assert.Contains("is not empty", stderr, StringComparison.Ordinal);
        Assert.Equal(["keep.txt"], Directory.GetFileSystemEntries(_temp.Combine("taken")).Select(Path.GetFileName));
        Assert.Equal(2, usage.Code);
        Assert.Contains("usage: export <directory>", usage.Stderr, StringComparison.Ordinal);
    }

    private Task<(int Code, string Stdout, string Stderr)> RunAsync(string database, params string[] args) =>
        VerbProcess.RunAsync(VerbProcess.Start(published.Dll, _temp.Path, database, args));
}
