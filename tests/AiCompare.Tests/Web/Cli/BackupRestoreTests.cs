using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using AiCompare.Data;
using AiCompare.Tests.Support;
using Dapper;
using Microsoft.Data.Sqlite;

namespace AiCompare.Tests.Web.Cli;

/// <summary>
/// The <c>backup</c> and <c>restore</c> verbs of the published build, run as processes against a real site
/// process and real database files.
/// </summary>
public sealed class BackupRestoreTests(PublishedSite published) : IClassFixture<PublishedSite>, IDisposable
{
    private static readonly string[] UncappedVotes =
        ["--Votes:PerAddressCap=1000000", "--Votes:PerMinutePerAddress=1000000", "--Serilog:MinimumLevel:Default=Warning"];

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Backup_WhileVotesPourIn_HoldsEveryVoteAcknowledgedBeforeItBeganAndChecksTheCopy()
    {
        // A catalog big enough (about 14 MB) that the copy takes many steps while votes commit.
        var generate = await RunAsync("generate", "--tools", "10000");
        Assert.True(generate.Code == 0, generate.Stderr);
        var slugs = await QueryAsync<string>(_temp.DatabaseFile, "SELECT Slug FROM Tool ORDER BY Id LIMIT 50");
        using var site = await SiteProcess.StartAsync(published.Dll, _temp.Path, _temp.ConnectionString, UncappedVotes);
        var acknowledged = new ConcurrentQueue<(string Slug, string Voter)>();
        var refused = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var voters = Enumerable.Range(0, 3).Select(_ => Task.Run(() => VoteUntilStoppedAsync(site, slugs, acknowledged, refused, stop.Token))).ToArray();
        try
        {
            await WaitUntilAsync(() => acknowledged.Count >= 150 || !refused.IsEmpty, "150 acknowledged votes");
            Assert.True(refused.IsEmpty, string.Join('\n', refused));

            var before = acknowledged.ToArray();
            var target = _temp.Combine("backups", "copy.db");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var backup = await RunAsync("backup", target);
            var during = acknowledged.Count - before.Length;
            await stop.CancelAsync();
            await Task.WhenAll(voters);

            Assert.True(backup.Code == 0, backup.Stdout + backup.Stderr);
            Assert.Contains("copied ", backup.Stdout, StringComparison.Ordinal);
            Assert.Contains(" pages (", backup.Stdout, StringComparison.Ordinal);
            Assert.Contains("from one read snapshot (0 restarts)", backup.Stdout, StringComparison.Ordinal);
            Assert.Contains("integrity_check: ok", backup.Stdout, StringComparison.Ordinal);
            Assert.Contains("Backup written: " + target, backup.Stdout, StringComparison.Ordinal);
            Assert.True(during > 0, "votes were acknowledged while the backup ran");
            Assert.True(refused.IsEmpty, "the backup disturbs no vote: " + string.Join('\n', refused));

            var copied = (await QueryAsync<(string Slug, string VoterId)>(
                target, "SELECT t.Slug, v.VoterId FROM Vote v JOIN Tool t ON t.Id = v.ToolId")).ToHashSet();
            Assert.True(copied.Count >= before.Length);
            var missing = before.Where(v => !copied.Contains(v)).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} of {before.Length} acknowledged votes are missing from the copy");
            Assert.Equal(10000, (await QueryAsync<long>(target, "SELECT count(*) FROM Tool")).Single());
            Assert.Equal(["ok"], await QueryAsync<string>(target, "PRAGMA integrity_check"));
            Assert.Equal(["delete"], await QueryAsync<string>(target, "PRAGMA journal_mode"));
            Assert.Equal(["copy.db"], Directory.GetFiles(Path.GetDirectoryName(target)!).Select(Path.GetFileName));
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(voters);
        }
    }

    [Fact]
    public async Task Restore_RefusedWhileTheSiteRuns_ThenAfterItStopsPutsTheBackupBackAndKeepsThePreviousAside()
    {
        const string Slug = "smolvlm2-2b";
        var backupFile = _temp.Combine("three-votes.db");
        using (var site = await SiteProcess.StartAsync(published.Dll, _temp.Path, _temp.ConnectionString, UncappedVotes))
        {
            using var client = CookielessClient(site);
            for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await VoteAsync(client, site, Slug)).Status);
            var backup = await RunAsync("backup", backupFile);
            Assert.True(backup.Code == 0, backup.Stderr);
            for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.OK, (await VoteAsync(client, site, Slug)).Status);

            // A second instance on the same database starts too: the site's lock is shared.
            using var second = await SiteProcess.StartAsync(published.Dll, _temp.Path, _temp.ConnectionString, UncappedVotes);
            using var secondClient = CookielessClient(second);
            Assert.Equal(5, await ShipsAsync(secondClient, Slug));

            var refused = await RunAsync("restore", backupFile);

            Assert.Equal(1, refused.Code);
            Assert.Equal(
                $"restore refused: {_temp.DatabaseFile} is in use by a running site (it holds {_temp.DatabaseFile}.lock); stop the site first",
                refused.Stderr.Trim());
            Assert.Empty(Directory.GetFiles(_temp.Path, "*before-restore*"));
            Assert.Empty(Directory.GetFiles(_temp.Path, ".*restoring*"));
            Assert.Equal(5, await ShipsAsync(client, Slug));
        }

        var restore = await RunAsync("restore", backupFile);

        Assert.True(restore.Code == 0, restore.Stderr);
        var aside = Assert.Single(Directory.GetFiles(_temp.Path, "test.db.before-restore-*Z"));
        Assert.Contains($"Restored {backupFile} into {_temp.DatabaseFile}.", restore.Stdout, StringComparison.Ordinal);
        Assert.Contains("The previous database is kept as " + aside, restore.Stdout, StringComparison.Ordinal);
        Assert.Contains($"  mv {aside} {_temp.DatabaseFile}", restore.Stdout, StringComparison.Ordinal);
        // The site was killed, not stopped: the votes after the backup may be in the -wal, which went aside with it.
        Assert.Equal([5L], await QueryAsync<long>(aside, "SELECT count(*) FROM Vote"));
        Assert.Empty(Directory.GetFiles(_temp.Path, ".*restoring*"));
        using (var site = await SiteProcess.StartAsync(published.Dll, _temp.Path, _temp.ConnectionString, UncappedVotes))
        {
            using var client = site.Client();
            Assert.Equal(3, await ShipsAsync(client, Slug));
        }
    }

    [Theory]
    [InlineData("garbage", "is not a usable SQLite database: file is not a database (SQLite error 26)")]
    [InlineData("truncated", "is not a usable SQLite database: database disk image is malformed (SQLite error 11)")]
    [InlineData("foreign", "is a SQLite database but not an AiCompare one (no SchemaMigrations table)")]
    [InlineData("missing", "does not exist")]
    [InlineData("newer", "has schema version 9999, newer than this build's")]
    public async Task Restore_FileThatIsNotASoundAiCompareDatabase_IsRefusedAndTheDatabaseIsUntouched(string kind, string reason)
    {
        new Migrator(new Db(_temp.ConnectionString)).Migrate();
        SqliteConnection.ClearAllPools();
        var file = _temp.Combine(kind + ".db");
        switch (kind)
        {
            case "garbage":
                await File.WriteAllBytesAsync(file, RandomNumberGenerator.GetBytes(200_000));
                break;
            case "truncated":
                var whole = _temp.Combine("whole.db");
                Assert.Equal(0, (await RunAsync("backup", whole)).Code);
                var bytes = await File.ReadAllBytesAsync(whole);
                await File.WriteAllBytesAsync(file, bytes[..(bytes.Length / 2)]);
                break;
            case "newer":
                Assert.Equal(0, (await RunAsync("backup", file)).Code);
                await using (var newer = new SqliteConnection($"Data Source={file};Pooling=False"))
                {
                    await newer.ExecuteAsync("INSERT INTO SchemaMigrations (Version, Name, AppliedAt) VALUES (9999, '9999_Future', '2030-01-01T00:00:00Z')");
                }
                break;
            case "foreign":
                await using (var other = new SqliteConnection($"Data Source={file};Pooling=False"))
                {
                    await other.ExecuteAsync("CREATE TABLE Notes (Text TEXT NOT NULL); INSERT INTO Notes VALUES ('not ours');");
                }
                break;
        }
        var before = Hash(_temp.DatabaseFile);

        var (code, stdout, stderr) = await RunAsync("restore", file);

        Assert.Equal(1, code);
        Assert.StartsWith($"restore refused: {file} {reason}", stderr.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain('\n', stderr.Trim());
        Assert.DoesNotContain("Restored", stdout, StringComparison.Ordinal);
        Assert.Equal(before, Hash(_temp.DatabaseFile));
        Assert.Empty(Directory.GetFiles(_temp.Path, "*before-restore*"));
        Assert.Empty(Directory.GetFiles(_temp.Path, ".*restoring*"));
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Backup_InterruptedMidCopy_ExitsOneAndLeavesNoFileBehind(string signal)
    {
        // About 27 MB: over twenty steps of 1 MB, so the signal, sent on the first progress line, lands mid-copy.
        Assert.Equal(0, (await RunAsync("generate", "--tools", "20000")).Code);
        var target = _temp.Combine("backups", "copy.db");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);

        var (code, output, stderr) = await InterruptedBackupAsync(target, signal);
        // On a loaded machine the copy can finish before the signal arrives; that run proves nothing here, so try again.
        for (var attempt = 1; code == 0 && attempt < 5; attempt++)
        {
            File.Delete(target);
            (code, output, stderr) = await InterruptedBackupAsync(target, signal);
        }

        Assert.True(code == 1, output);
        Assert.Equal($"backup failed: interrupted; {target} was not written", stderr.Trim());
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(target)!));
    }

    /// <summary>Starts a backup and sends it <paramref name="signal"/> when it reports its first step.</summary>
    private async Task<(int Code, string Stdout, string Stderr)> InterruptedBackupAsync(string target, string signal)
    {
        using var process = Process.Start(VerbStart("backup", target))!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = new List<string>();
        try
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                stdout.Add(line);
                if (!line.StartsWith("copied ", StringComparison.Ordinal)) continue;
                Assert.Equal(0, await SignalAsync(process.Id, signal));
                break;
            }
            stdout.Add(await process.StandardOutput.ReadToEndAsync());
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        return (process.ExitCode, string.Join('\n', stdout), await stderr);
    }

    [Fact]
    public async Task Backup_ExistingTarget_RefusedWithoutForceAndReplacedWithForce()
    {
        new Migrator(new Db(_temp.ConnectionString)).Migrate();
        var target = _temp.Combine("existing.db");
        await File.WriteAllTextAsync(target, "yesterday's backup");

        var refused = await RunAsync("backup", target);
        var forced = await RunAsync("backup", target, "--force");

        Assert.Equal(1, refused.Code);
        Assert.Equal($"backup failed: {target} already exists; add --force to overwrite it", refused.Stderr.Trim());
        Assert.True(forced.Code == 0, forced.Stderr);
        Assert.Equal(["ok"], await QueryAsync<string>(target, "PRAGMA integrity_check"));
        Assert.Equal(Migrator.Scripts().Count, (await QueryAsync<long>(target, "SELECT count(*) FROM SchemaMigrations")).Single());
    }

    [Fact]
    public async Task Backup_NoDatabaseYet_FailsNamingThePathAndCreatesNothing()
    {
        var target = _temp.Combine("copy.db");

        var (code, _, stderr) = await RunAsync("backup", target);

        Assert.Equal(1, code);
        Assert.Equal($"backup failed: there is no database at {_temp.DatabaseFile} (ConnectionStrings:AiCompare)", stderr.Trim());
        Assert.False(File.Exists(_temp.DatabaseFile));
        Assert.False(File.Exists(target));
    }

    [Theory]
    [InlineData("backup")]
    [InlineData("backup", "a.db", "b.db")]
    [InlineData("backup", "--force")]
    [InlineData("backup", "--overwrite", "a.db")]
    [InlineData("restore")]
    [InlineData("restore", "a.db", "b.db")]
    [InlineData("restore", "--force")]
    public async Task Verb_BadArguments_PrintsItsUsageAndExitsTwo(params string[] args)
    {
        var (code, _, stderr) = await RunAsync(args);

        Assert.Equal(2, code);
        Assert.StartsWith($"usage: {args[0]} <file>", stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_temp.Path));
    }

    private static async Task VoteUntilStoppedAsync(
        SiteProcess site, IReadOnlyList<string> slugs, ConcurrentQueue<(string, string)> acknowledged, ConcurrentQueue<string> refused, CancellationToken stop)
    {
        using var client = CookielessClient(site);
        var i = 0;
        while (!stop.IsCancellationRequested)
        {
            var slug = slugs[i++ % slugs.Count];
            var (status, voter) = await VoteAsync(client, site, slug);
            if (status == HttpStatusCode.OK && voter is not null) acknowledged.Enqueue((slug, voter));
            else refused.Enqueue($"{slug}: {status}");
        }
    }

    /// <summary>A client that sends no cookie back, so each vote comes from a new voter.</summary>
    private static HttpClient CookielessClient(SiteProcess site) =>
        new(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = site.Address, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A ship vote from a new voter (no cookie sent), as the page's script sends it; returns the status and the voter id the site set.</summary>
    private static async Task<(HttpStatusCode Status, string? Voter)> VoteAsync(HttpClient client, SiteProcess site, string slug)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/votes/" + slug, UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([new("verdict", "ship")]),
        };
        request.Headers.Add("Origin", site.Address.GetLeftPart(UriPartial.Authority));
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        request.Headers.Add("Accept", "application/json");
        using var response = await client.SendAsync(request);
        var cookie = response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.FirstOrDefault(v => v.StartsWith("aic_voter=", StringComparison.Ordinal))
            : null;
        return (response.StatusCode, cookie?["aic_voter=".Length..].Split(';')[0]);
    }

    private static async Task<int> ShipsAsync(HttpClient client, string slug)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/tools/" + slug, UriKind.Relative)));
        return json.RootElement.GetProperty("community").GetProperty("ships").GetInt32();
    }

    private static async Task<List<T>> QueryAsync<T>(string file, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadWrite;Pooling=False");
        return (await connection.QueryAsync<T>(sql)).ToList();
    }

    private static string Hash(string file) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Waited 90 s for " + what);
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task OnPostgreSql_BackupAndRestore_SayWhichPostgreSqlToolToRun_WithoutThePassword()
    {
        // No server is needed: the verbs only read the connection string.
        const string connectionString = "Host=db.example;Port=5433;Username=site;Password=s3cret;Database=aicompare";
        var backup = await VerbProcess.RunAsync(VerbProcess.Start(published.Dll, _temp.Path, connectionString, "backup", "nightly.dump"));
        var restore = await VerbProcess.RunAsync(VerbProcess.Start(published.Dll, _temp.Path, connectionString, "restore", "nightly.dump"));

        var file = _temp.Combine("nightly.dump");
        Assert.Equal(1, backup.Code);
        Assert.Contains($"pg_dump --format=custom --file={file} -h db.example -p 5433 -U site -d aicompare", backup.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, restore.Code);
        Assert.Contains($"pg_restore --clean --if-exists --no-owner --single-transaction -h db.example -p 5433 -U site -d aicompare {file}", restore.Stderr, StringComparison.Ordinal);
        Assert.Contains("stop every node", restore.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", backup.Stdout + backup.Stderr + restore.Stdout + restore.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    /// <summary>Runs a verb of the published build in the test's folder, on its database.</summary>
    private Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args) => VerbProcess.RunAsync(VerbStart(args));

    private ProcessStartInfo VerbStart(params string[] args) => VerbProcess.Start(published.Dll, _temp.Path, _temp.ConnectionString, args);

    /// <summary>Sends a signal the way an operator (Ctrl+C) or a supervisor (stop) does; returns kill's exit code.</summary>
    private static async Task<int> SignalAsync(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-s", signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        return kill.ExitCode;
    }
}
