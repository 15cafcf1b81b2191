using System.Diagnostics;
using System.Net;
using AiCompare.Tests.Support;
using Xunit.Abstractions;

namespace AiCompare.Tests.Web.Hosting;

/// <summary>
/// The hazard inline scheduling brings, met in the published site: a request that waits on the database
/// (a signup, while another connection holds SQLite's write lock) must not wait on the socket engine's
/// thread, where it would hold up every connection that thread serves.
/// </summary>
public sealed class InlineSchedulingTests(PublishedSite published, ITestOutputHelper output) : IClassFixture<PublishedSite>, IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task WhileSignupsWaitForTheWriteLock_CachedPagesOnOtherConnectionsAreAnsweredAtOnce(bool inline)
    {
        var database = _temp.Combine("aicompare.db");
        var (slug, id) = await FaultClient.PrepareDatabaseAsync(database);
        using var site = await SiteProcess.StartAsync(published.Dll, _temp.Path, $"Data Source={database}",
            "--Database:LockTimeoutSeconds=8", "--Newsletter:SignupsPerMinutePerAddress=1000", $"--Server:InlineScheduling={inline}",
            $"--Email:PickupDirectory={_temp.Combine("outbox")}");
        var page = $"/tools/{slug}";

        // Readers and signers-up, each on a connection of its own that has served a request already: its next
        // request is then read, under inline scheduling, on the socket engine's thread.
        var readers = Enumerable.Range(0, 6).Select(_ => site.Client()).ToList();
        var signers = Enumerable.Range(0, 2).Select(_ => new FaultClient(site, slug, id)).ToList();
        try
        {
            foreach (var reader in readers) (await reader.GetAsync(page)).EnsureSuccessStatusCode();
            foreach (var signer in signers) Assert.Equal(HttpStatusCode.OK, await signer.GetStatusAsync("/"));

            using (var holder = FaultClient.OpenDirect(database))
            {
                using var begin = holder.CreateCommand();
                begin.CommandText = "BEGIN EXCLUSIVE";
                begin.ExecuteNonQuery();

                var signups = signers.Select(s => s.SignupAsync($"reader-{Guid.NewGuid():N}@example.com")).ToList();
                await Task.Delay(500);
                Assert.All(signups, s => Assert.False(s.IsCompleted, "a signup answered before the lock was released: the test shows nothing"));

                foreach (var reader in readers)
                {
                    var clock = Stopwatch.StartNew();
                    using var response = await reader.GetAsync(page);
                    output.WriteLine($"page while signups wait: {(int)response.StatusCode} after {clock.ElapsedMilliseconds} ms");
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"a page waited {clock.Elapsed} behind a signup\n{site.Output}");
                }
                Assert.All(signups, s => Assert.False(s.IsCompleted, "a signup answered before the lock was released"));

                using var rollback = holder.CreateCommand();
                rollback.CommandText = "ROLLBACK";
                rollback.ExecuteNonQuery();

                // Released within the lock timeout: the waiting signups are stored.
                foreach (var signup in signups)
                {
                    using var response = await signup;
                    Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.SeeOther, $"signup: {(int)response.StatusCode}\n{site.Output}");
                }
            }
        }
        finally
        {
            foreach (var reader in readers) reader.Dispose();
            foreach (var signer in signers) signer.Dispose();
        }
    }

    [Fact]
    public async Task ASiteWhoseOutputNobodyReads_KeepsAnsweringPages()
    {
        // The request log writes a line per request. Nobody reads this site's output, so the pipe behind it
        // fills after a few hundred lines; a console write on a socket engine's thread would then stop that
        // thread, and every connection it serves, for good.
        var database = _temp.Combine("aicompare.db");
        await FaultClient.PrepareDatabaseAsync(database);
        using var site = await SiteProcess.StartUnreadAsync(published.Dll, _temp.Path, $"Data Source={database}", $"--Email:PickupDirectory={_temp.Combine("outbox")}");
        using var client = new HttpClient { BaseAddress = site.Address, Timeout = TimeSpan.FromSeconds(5) };

        // 2,000 lines of request log, several times what the pipe holds, on four connections at once.
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            for (var i = 0; i < 500; i++)
            {
                using var response = await client.GetAsync("/");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }));
        output.WriteLine($"2,000 pages with nobody reading the output: {clock.Elapsed.TotalSeconds:0.0} s");
    }
}
