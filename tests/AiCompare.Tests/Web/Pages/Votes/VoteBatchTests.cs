using System.Net;
using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Tests.Support;
using AiCompare.Web.Pages.Votes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace AiCompare.Tests.Web.Pages.Votes;

/// <summary>Votes committed in batches (group commit): every acknowledged vote is stored, a failed commit acknowledges none.</summary>
public sealed class VoteBatchTests
{
    private static HttpRequestMessage Vote(string slug, string verdict) =>
        new(HttpMethod.Post, "/votes/" + slug) { Content = new FormUrlEncodedContent([new("verdict", verdict)]) };

    [Fact]
    public async Task ManyConcurrentVotersOverHttp_EveryAcknowledgedVoteIsStoredAndTallied()
    {
        using var site = SiteFactory.WithSettings(new Dictionary<string, string> { ["Votes:PerAddressCap"] = "1000", ["Votes:PerMinutePerAddress"] = "100000" });
        var tools = new[] { "smolvlm2", "mistral-code", "smolvlm2-2b" };

        // A fresh client per vote: no cookie, so each is a new voter.
        var responses = await Task.WhenAll(Enumerable.Range(0, 300).Select(i =>
            site.Client().SendAsync(Vote(tools[i % 3], i % 4 == 0 ? "skip" : "ship"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.SeeOther, r.StatusCode));
        using var connection = SuiteDatabase.Open(site.ConnectionString);
        Assert.Equal(300, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM Vote"));
        foreach (var (toolId, ships, skips) in connection.Query<(long, int, int)>("SELECT ToolId, Ships, Skips FROM VoteTally"))
        {
            Assert.Equal(connection.ExecuteScalar<int>("SELECT COUNT(*) FROM Vote WHERE ToolId = @toolId AND Verdict = 'ship'", new { toolId }), ships);
            Assert.Equal(connection.ExecuteScalar<int>("SELECT COUNT(*) FROM Vote WHERE ToolId = @toolId AND Verdict = 'skip'", new { toolId }), skips);
        }
        Assert.Equal(75, connection.ExecuteScalar<int>("SELECT SUM(Skips) FROM VoteTally"));
    }

    [Fact]
    public async Task VotesQueuedWhenTheWriterStops_AreAllCommittedAndAcknowledged_ThenItTakesNoMore()
    {
        using var site = new SiteFactory();
        site.Client().Dispose(); // the host, and with it the writer's thread, started
        var writer = site.Services.GetRequiredService<VoteWriter>();

        // Queued and not awaited: the writer is told to stop while they wait.
        var queued = Enumerable.Range(0, 40)
            .Select(i => writer.SubmitAsync(new VoteRequest(i % 2 == 0 ? "smolvlm2" : "mistral-code", $"voter-{i:D18}xxx", $"address-{i}", ReviewVerdict.Ship, PerAddressCap: 50)))
            .ToList();
        await writer.StopAsync(CancellationToken.None);

        // Each answer is already set when StopAsync returns; the wait is a bound, so that a lost vote fails the test instead of hanging it.
        Assert.All(await Task.WhenAll(queued).WaitAsync(TimeSpan.FromSeconds(30)), result => Assert.Equal(VoteOutcome.Recorded, result.Outcome));
        using (var connection = SuiteDatabase.Open(site.ConnectionString))
            Assert.Equal(40, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM Vote"));
        await Assert.ThrowsAsync<VoteNotRecordedException>(() =>
            writer.SubmitAsync(new VoteRequest("smolvlm2", "voter-late-000000000x", "address-late", ReviewVerdict.Skip, PerAddressCap: 50)));
    }

    [Fact]
    public async Task FailedCommit_AnswersServiceUnavailable_AcknowledgesNothing_AndVotingRecovers()
    {
        using var site = new SiteFactory();
        var client = site.Client();
        using (var connection = SuiteDatabase.Open(site.ConnectionString))
            connection.Execute(SuiteDatabase.Provider == AiCompare.Data.DatabaseProvider.Sqlite
                ? "CREATE TRIGGER FailVotes BEFORE INSERT ON Vote BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END;"
                : """
                  CREATE FUNCTION fail_votes() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full (simulated)' USING ERRCODE = '53100'; END $$;
                  CREATE TRIGGER FailVotes BEFORE INSERT ON Vote FOR EACH ROW EXECUTE FUNCTION fail_votes();
                  """);

        using var failed = await client.SendAsync(Vote("smolvlm2", "ship"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.NotNull(failed.Headers.RetryAfter);
        Assert.False(failed.Headers.Contains("Set-Cookie"));
        Assert.Contains("could not be saved", await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using (var connection = SuiteDatabase.Open(site.ConnectionString))
        {
            Assert.Equal(0, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM Vote"));
            Assert.Equal(0, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM VoteTally"));
            connection.Execute(SuiteDatabase.Provider == AiCompare.Data.DatabaseProvider.Sqlite ? "DROP TRIGGER FailVotes" : "DROP TRIGGER FailVotes ON Vote");
        }

        using var recovered = await client.SendAsync(Vote("smolvlm2", "ship"));
        Assert.Equal(HttpStatusCode.SeeOther, recovered.StatusCode);
        Assert.Contains(site.Logs, line => line.Contains("not recorded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OneBatch_AppliesVotesInOrder_LikeSeparateTransactions()
    {
        using var temp = new TempDirectory();
        using var db = new Db(SuiteDatabase.NewConnectionString(temp));
        new Migrator(db).Migrate();
        new ContentImporter(db, new Markdown()).Import(TestPaths.Content);
        var votes = new VoteRepository(db);
        var announced = new List<Change>();
        db.Changes.Subscribe(announced.Add);

        var results = await votes.RecordBatchAsync([
            new VoteRequest("smolvlm2", "v1", "a", ReviewVerdict.Ship, 2),
            new VoteRequest("smolvlm2", "v1", "a", ReviewVerdict.Skip, 2),   // the same voter changes their mind
            new VoteRequest("smolvlm2", "v2", "a", ReviewVerdict.Ship, 2),
            new VoteRequest("smolvlm2", "v3", "a", ReviewVerdict.Ship, 2),   // third voter from one address: capped
            new VoteRequest("no-such-tool", "v1", "a", ReviewVerdict.Ship, 2),
            new VoteRequest("smolvlm2", "v2", "a", ReviewVerdict.Ship, 2),   // the same vote again: no change
        ]);

        Assert.Equal(
            [VoteOutcome.Recorded, VoteOutcome.Recorded, VoteOutcome.Recorded, VoteOutcome.AddressCapReached, VoteOutcome.UnknownTool, VoteOutcome.Recorded],
            results.Select(r => r.Outcome));
        Assert.Equal([true, true, true, false, false, false], results.Select(r => r.Changed));
        Assert.Equal(new CommunityTally(1, 0), results[0].Tally);
        Assert.Equal(new CommunityTally(0, 1), results[1].Tally);
        Assert.Equal(new CommunityTally(1, 1), results[2].Tally);
        Assert.Equal(new CommunityTally(1, 1), results[5].Tally);
        // One announcement for the batch: the tool whose tally moved, once, with its tally as committed last.
        var voted = Assert.IsType<Change.Voted>(Assert.Single(announced));
        Assert.Equal([new VotedTool("smolvlm2", "developer-tools", 1, 1)], voted.Tools);
        using var connection = db.Open();
        Assert.Equal((1, 1), connection.QuerySingle<(int, int)>("SELECT Ships, Skips FROM VoteTally"));
        Assert.Equal(2, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM Vote"));
        Assert.Equal(2, connection.ExecuteScalar<int>("SELECT Voters FROM VoteAddressCount WHERE AddressHash = 'a'"));
    }
}
