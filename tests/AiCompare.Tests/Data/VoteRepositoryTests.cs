using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Tests.Support;
using Dapper;

namespace AiCompare.Tests.Data;

public sealed class VoteRepositoryTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly Db _db;
    private readonly VoteRepository _votes;

    public VoteRepositoryTests()
    {
        _db = new Db(_temp.ConnectionString);
        new Migrator(_db).Migrate();
        new ContentImporter(_db, new Markdown()).Import(TestPaths.Content);
        _votes = new VoteRepository(_db);
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>One vote in its own transaction, as a batch of one (the site batches whatever has queued).</summary>
    private async Task<(VoteOutcome Outcome, CommunityTally Tally)> VoteAsync(string tool, string voter, string address, ReviewVerdict verdict, int perAddressCap)
    {
        var result = (await Task.Run(() => _votes.RecordBatch([new VoteRequest(tool, voter, address, verdict, perAddressCap)])))[0];
        return (result.Outcome, result.Tally);
    }

    [Fact]
    public async Task ConcurrentVotes_EveryAcknowledgedVoteIsStoredAndTallied()
    {
        var tasks = Enumerable.Range(0, 200).Select(i => Task.Run(() =>
            VoteAsync("smolvlm2", $"voter-{i:D4}", $"address-{i % 50}", i % 3 == 0 ? ReviewVerdict.Skip : ReviewVerdict.Ship, perAddressCap: 10)));

        var results = await Task.WhenAll(tasks);

        Assert.All(results, r => Assert.Equal(VoteOutcome.Recorded, r.Outcome));
        using var connection = _db.Open();
        Assert.Equal(200, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM Vote"));
        var (ships, skips) = connection.QuerySingle<(int, int)>("SELECT Ships, Skips FROM VoteTally");
        Assert.Equal(connection.ExecuteScalar<int>("SELECT COUNT(*) FROM Vote WHERE Verdict = 'ship'"), ships);
        Assert.Equal(connection.ExecuteScalar<int>("SELECT COUNT(*) FROM Vote WHERE Verdict = 'skip'"), skips);
        Assert.Equal(67, skips);
    }

    [Fact]
    public async Task ChangingAVote_MovesItBetweenTallies()
    {
        await VoteAsync("smolvlm2", "v1", "a", ReviewVerdict.Ship, 5);
        await VoteAsync("smolvlm2", "v2", "a", ReviewVerdict.Ship, 5);

        var (_, tally) = await VoteAsync("smolvlm2", "v1", "a", ReviewVerdict.Skip, 5);

        Assert.Equal(new CommunityTally(1, 1), tally);
        Assert.Equal("Mixed · 50% of 2 votes", tally.DecisionText);
    }

    [Fact]
    public async Task UnpublishedOrUnknownTool_IsNotVotedOn()
    {
        using (var connection = _db.Open())
            connection.Execute("UPDATE Tool SET IsPublished = 0 WHERE Slug = 'smolvlm2'");

        Assert.Equal(VoteOutcome.UnknownTool, (await VoteAsync("smolvlm2", "v", "a", ReviewVerdict.Ship, 5)).Outcome);
        Assert.Equal(VoteOutcome.UnknownTool, (await VoteAsync("nope", "v", "a", ReviewVerdict.Ship, 5)).Outcome);
    }

    [Fact]
    public void SiteSecret_IsMadeOnceAndKept()
    {
        var key = new SiteSecrets(_db).Get("address-hash-key");

        Assert.Equal(key, new SiteSecrets(_db).Get("address-hash-key"));
        Assert.Equal(32, key.Length);
        Assert.NotEqual(key, new SiteSecrets(_db).Get("another"));
    }
}
