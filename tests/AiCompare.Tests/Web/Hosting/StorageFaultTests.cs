using System.Diagnostics;
using System.Net;
using AiCompare.Tests.Support;
using Xunit.Abstractions;

namespace AiCompare.Tests.Web.Hosting;

/// <summary>
/// Real storage faults under the published site as a real process: a full disk (a tmpfs filled to ENOSPC),
/// read-only storage (the site runs as nobody; its database is chmod-ed read-only while it runs) and a write
/// lock held by another connection. Every write answers 503 with Retry-After and says what was not saved;
/// reads go on; nothing answers 500 or logs a stack trace; writes work again within seconds after the fault.
/// </summary>
public sealed class StorageFaultTests(PublishedSite published, ITestOutputHelper output) : IClassFixture<PublishedSite>, IDisposable
{
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(10);
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [RootFact]
    public async Task DiskFull_WritesAnswer503WithTheFormKept_ReadsWork_AndWritesResumeOnceSpaceIsFreed()
    {
        using var tmpfs = new TmpfsMount(sizeMegabytes: 8);
        var database = Path.Combine(tmpfs.Path, "aicompare.db");
        var (slug, id) = await FaultClient.PrepareDatabaseAsync(database);
        using var site = await StartAsync(database);
        using var client = new FaultClient(site, slug, id);
        await client.SignInAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.ReadyzAsync()).Status);

        // An empty write-ahead log, so the next write has to grow it: then fill the device.
        using (var connection = FaultClient.OpenDirect(database))
        using (var checkpoint = connection.CreateCommand())
        {
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            checkpoint.ExecuteNonQuery();
        }
        tmpfs.Fill();
        Assert.Equal(0, tmpfs.FreeBytes);

        var (ready, readyBody) = await client.WaitForReadyzAsync(HttpStatusCode.ServiceUnavailable, Recovery);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready);
        Assert.Equal("not ready: storage full", readyBody);
        await AssertWritesRefusedAsync(client, "full", site);
        await AssertReadsWorkAsync(client);

        tmpfs.Free();
        await AssertWritesResumeAsync(client, site);
        AssertCalmLog(site);
    }

    [RootFact]
    public async Task ReadOnlyStorage_WritesAnswer503_AndTheFirstWriteAfterItIsWritableAgainSucceeds()
    {
        var data = Directory.CreateDirectory(_temp.Combine("data")).FullName;
        var work = Directory.CreateDirectory(_temp.Combine("work")).FullName;
        var database = Path.Combine(data, "aicompare.db");
        var (slug, id) = await FaultClient.PrepareDatabaseAsync(database);
        await RunAsync("chown", "-R", "nobody:nogroup", data, work);
        using var site = await SiteProcess.StartAsUserAsync("nobody", "nogroup", published.Dll, work, $"Data Source={database}", Settings(work));
        using var client = new FaultClient(site, slug, id);
        await client.SignInAsync();
        using (var vote = await client.VoteAsync()) Assert.Equal(HttpStatusCode.SeeOther, vote.StatusCode);

        // The file and its folder read-only while the site runs; the -wal and -shm files stay as they are.
        await RunAsync("chmod", "0444", database);
        await RunAsync("chmod", "0555", data);
        try
        {
            // A new connection sees it first (the readiness probe opens one); from then on no connection from
            // before the fault is used, and every connection opened during it is read-only.
            var (ready, readyBody) = await client.WaitForReadyzAsync(HttpStatusCode.ServiceUnavailable, Recovery);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready);
            Assert.Equal("not ready: read-only", readyBody);
            await AssertWritesRefusedAsync(client, "read-only", site);
            // Reads open connections too, read-only ones: none of them may be used for a write later.
            for (var i = 0; i < 5; i++) await AssertReadsWorkAsync(client);
        }
        finally
        {
            await RunAsync("chmod", "0755", data);
            await RunAsync("chmod", "0644", database);
        }

        // The very first write after the storage is writable again succeeds: no read-only connection was pooled.
        using (var first = await client.VoteAsync())
            Assert.True(first.StatusCode == HttpStatusCode.SeeOther, $"the first vote after recovery answered {(int)first.StatusCode}\n{site.Output}");
        await AssertWritesResumeAsync(client, site);
        AssertCalmLog(site);
    }

    [RootFact]
    public async Task WriteLockHeldByAnotherConnection_WritesAnswer503WithinSeconds_AndWorkOnceItIsReleased()
    {
        var database = _temp.Combine("aicompare.db");
        var (slug, id) = await FaultClient.PrepareDatabaseAsync(database);
        using var site = await StartAsync(database);
        using var client = new FaultClient(site, slug, id);
        await client.SignInAsync();

        using (var holder = FaultClient.OpenDirect(database))
        {
            using var begin = holder.CreateCommand();
            begin.CommandText = "BEGIN EXCLUSIVE";
            begin.ExecuteNonQuery();

            var clock = Stopwatch.StartNew();
            using (var vote = await client.VoteAsync())
            {
                var voteTime = clock.Elapsed;
                output.WriteLine($"vote under a held lock: {(int)vote.StatusCode} after {voteTime.TotalSeconds:0.00} s");
                Assert.Equal(HttpStatusCode.ServiceUnavailable, vote.StatusCode);
                Assert.True(voteTime < TimeSpan.FromSeconds(10), $"the vote waited {voteTime}");
            }
            clock.Restart();
            await AssertWritesRefusedAsync(client, "busy", site, output);
            var (ready, readyBody) = await client.WaitForReadyzAsync(HttpStatusCode.ServiceUnavailable, Recovery);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready);
            Assert.Equal("not ready: locked/busy", readyBody);
            // Readers are not blocked by a writer (write-ahead log).
            await AssertReadsWorkAsync(client);
        }
        await AssertWritesResumeAsync(client, site);
        AssertCalmLog(site);
    }

    [Fact]
    public async Task ImportVerb_WhileAnotherConnectionHoldsTheWriteLock_ExitsOneWithOneLine()
    {
        var database = _temp.Combine("aicompare.db");
        await FaultClient.PrepareDatabaseAsync(database);
        using var holder = FaultClient.OpenDirect(database);
        using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            begin.ExecuteNonQuery();
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _temp.Path };
        foreach (var a in new[] { published.Dll, "import", TestPaths.Content }) start.ArgumentList.Add(a);
        start.Environment["ConnectionStrings__AiCompare"] = $"Data Source={database}";
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var errors = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(process.ExitCode == 1, $"exit {process.ExitCode}\n{await stdout}\n{string.Join('\n', errors)}");
        var line = Assert.Single(errors);
        Assert.StartsWith("Import failed: the database " + database + " could not be written (locked/busy", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", await stdout, StringComparison.Ordinal);
    }

    private Task<SiteProcess> StartAsync(string database) =>
        SiteProcess.StartAsync(published.Dll, _temp.Path, $"Data Source={database}", Settings(_temp.Path));

    private static string[] Settings(string workingDirectory) =>
    [
        "--Votes:PerAddressCap=1000",
        "--Votes:PerMinutePerAddress=1000",
        "--Newsletter:SignupsPerMinutePerAddress=1000",
        $"--Email:PickupDirectory={Path.Combine(workingDirectory, "outbox")}",
    ];

    /// <summary>A vote, a signup and an admin save each answer 503 with Retry-After and say what was not saved.</summary>
    private static async Task AssertWritesRefusedAsync(FaultClient client, string reason, SiteProcess site, ITestOutputHelper? timings = null)
    {
        var clock = Stopwatch.StartNew();
        using (var vote = await client.VoteAsync())
        {
            Assert.True(vote.StatusCode == HttpStatusCode.ServiceUnavailable, $"vote: {(int)vote.StatusCode}\n{site.Output}");
            Assert.NotNull(vote.Headers.RetryAfter);
        }

        clock.Restart();
        using (var signup = await client.SignupAsync($"reader-{Guid.NewGuid():N}@example.com"))
        {
            timings?.WriteLine($"signup: {(int)signup.StatusCode} after {clock.Elapsed.TotalSeconds:0.00} s");
            var body = await signup.Content.ReadAsStringAsync();
            Assert.True(signup.StatusCode == HttpStatusCode.ServiceUnavailable, $"signup: {(int)signup.StatusCode}\n{body}\n{site.Output}");
            Assert.NotNull(signup.Headers.RetryAfter);
            Assert.Contains("Not saved", body, StringComparison.Ordinal);
            Assert.Contains(reason, body, StringComparison.Ordinal);
        }

        var typed = "Typed during a fault " + Guid.NewGuid().ToString("N")[..8];
        clock.Restart();
        using (var save = await client.SaveTaglineAsync(typed))
        {
            timings?.WriteLine($"admin save: {(int)save.StatusCode} after {clock.Elapsed.TotalSeconds:0.00} s");
            var body = await save.Content.ReadAsStringAsync();
            Assert.True(save.StatusCode == HttpStatusCode.ServiceUnavailable, $"admin save: {(int)save.StatusCode}\n{body}\n{site.Output}");
            Assert.NotNull(save.Headers.RetryAfter);
            var (notice, tagline) = FaultClient.KeptForm(body);
            Assert.NotNull(notice);
            Assert.StartsWith("Not saved", notice, StringComparison.Ordinal);
            Assert.Contains(reason, notice, StringComparison.Ordinal);
            Assert.Equal(typed, tagline);
        }
    }

    private static async Task AssertReadsWorkAsync(FaultClient client)
    {
        foreach (var url in new[] { "/", $"/tools/{client.Slug}", "/search?q=" + Guid.NewGuid().ToString("N")[..6], "/admin/tools", $"/admin/tools/edit/{client.ToolId}" })
            Assert.True(await client.GetStatusAsync(url) == HttpStatusCode.OK, $"GET {url} during the fault");
    }

    /// <summary>Once the fault is gone, a vote, a signup and an admin save succeed within seconds, and /readyz says ready.</summary>
    private static async Task AssertWritesResumeAsync(FaultClient client, SiteProcess site)
    {
        var deadline = DateTime.UtcNow + Recovery;
        HttpStatusCode status;
        do
        {
            using var vote = await client.VoteAsync();
            status = vote.StatusCode;
            if (status == HttpStatusCode.SeeOther) break;
            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);
        Assert.True(status == HttpStatusCode.SeeOther, $"votes still answer {(int)status} {Recovery} after the fault\n{site.Output}");

        using (var signup = await client.SignupAsync($"after-{Guid.NewGuid():N}@example.com")) Assert.Equal(HttpStatusCode.SeeOther, signup.StatusCode);
        using (var save = await client.SaveTaglineAsync("Saved after the fault")) Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);

        var (ready, body) = await client.WaitForReadyzAsync(HttpStatusCode.OK, Recovery);
        Assert.Equal(HttpStatusCode.OK, ready);
        Assert.Equal("ready", body);
        var (_, _, cacheControl) = await client.ReadyzAsync();
        Assert.Equal("no-store", cacheControl);
    }

    /// <summary>No request answered 500, no stack trace was logged, and the faults were logged as warnings.</summary>
    private static void AssertCalmLog(SiteProcess site)
    {
        var log = site.Output;
        Assert.DoesNotContain(" responded 500", log, StringComparison.Ordinal);
        Assert.DoesNotContain(log.Split('\n'), l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal) || l.Contains("Exception:", StringComparison.Ordinal));
        Assert.Contains("Storage fault:", log, StringComparison.Ordinal);
    }

    private static async Task RunAsync(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{command} failed: {await stderr}");
    }
}
