using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Tests.Support;
using Dapper;

namespace AiCompare.Tests.Data;

/// <summary>Votes on both databases: batched, acknowledged after commit, tallied, capped per address by a count row.</summary>
public sealed class VoteRepositoryTests : IDisposable
{
    private TestDatabase _database = null!;
    private Db _db = null!;
    private VoteRepository _votes = null!;

    private async Task OpenAsync(DatabaseProvider provider)
    {
        _database = await TestDatabase.WithContentAsync(provider);
        _db = _database.Db;
        _votes = new VoteRepository(_db);
    }

    public void Dispose() => _database?.Dispose();

    /// <summary>One vote in its own transaction, as a batch of one (the site batches whatever has queued).</summary>
    private async Task<(VoteOutcome Outcome, CommunityTally Tally)> VoteAsync(string tool, string voter, string address, ReviewVerdict verdict, int perAddressCap)
    {
        var result = (await _votes.RecordBatchAsync([new VoteRequest(tool, voter, address, verdict, perAddressCap)]))[0];
        return (result.Outcome, result.Tally);
    }

    [Theory, Sqlite, PostgreSql]
    public async Task ConcurrentVotes_EveryAcknowledgedVoteIsStoredAndTallied(DatabaseProvider provider)
    {
        await OpenAsync(provider);
        // Sixteen writers at a time, each a batch of one, all on one tool: the site has one writer per node,
        // so this is more than several nodes would ever run at once, and within the connection pool's bound.
        using var writers = new SemaphoreSlim(16);
        var tasks = Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            await writers.WaitAsync();
            try
            {
                return await VoteAsync("smolvlm2", $"voter-{i:D4}", $"address-{i % 50}", i % 3 == 0 ? ReviewVerdict.Skip : ReviewVerdict.Ship, perAddressCap: 10);
            }
            finally
            {
                writers.Release();
            }
        }));

        var results = await Task.WhenAll(tasks);

        Assert.All(results, r => Assert.Equal(VoteOutcome.Recorded, r.Outcome));
        using var connection = _db.Open();
        Assert.Equal(200, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM Vote"));
        var (ships, skips) = connection.QuerySingle<(int, int)>("SELECT Ships, Skips FROM VoteTally");
        Assert.Equal(connection.ExecuteScalar<int>("SELECT COUNT(*) FROM Vote WHERE Verdict = 'ship'"), ships);
        Assert.Equal(connection.ExecuteScalar<int>("SELECT COUNT(*) FROM Vote WHERE Verdict = 'skip'"), skips);
        Assert.Equal(67, skips);
        Assert.Equal(50, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM VoteAddressCount"));
        Assert.Equal(200, connection.ExecuteScalar<int>("SELECT SUM(Voters) FROM VoteAddressCount"));
    }

    [PostgresFact]
    public async Task TwoNodesVotingAtOnce_KeepVotesTalliesAndCapsExact_AndNeverDeadlock()
    {
        await OpenAsync(DatabaseProvider.PostgreSql);
        // Each node's writer waits its turn on a busy tool; under a loaded test run the turns add up, so
        // the nodes here wait up to 30 s rather than the site's 3 s (a wait past it is a 503, never a wrong count).
        using var oneNode = new Db(_database.ConnectionString, TimeSpan.FromSeconds(30));
        using var otherNode = new Db(_database.ConnectionString, TimeSpan.FromSeconds(30));
        var nodes = new[] { new VoteRepository(oneNode), new VoteRepository(otherNode) };
        string[] tools = ["smolvlm2", "mistral-code", "mercury-edit-2", "mistral-medium-3"];
        const int cap = 3;
        // Two writers per node (the site has one); each sends batches of several tools in its own order, with
        // voters and addresses that the other node's writers use too (double submits, changed votes, caps reached).
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            var acknowledged = new List<(VoteRequest Vote, VoteResult Result)>();
            for (var batch = 0; batch < 60; batch++)
            {
                var votes = Enumerable.Range(0, random.Next(1, 7)).Select(_ => new VoteRequest(
                    tools[random.Next(tools.Length)], $"voter-{random.Next(30)}", $"address-{random.Next(4)}",
                    random.Next(2) == 0 ? ReviewVerdict.Ship : ReviewVerdict.Skip, cap)).ToList();
                acknowledged.AddRange(votes.Zip(await nodes[w % 2].RecordBatchAsync(votes)));
            }
            return acknowledged;
        }));

        var results = (await Task.WhenAll(writers)).SelectMany(r => r).ToList();

        Assert.Contains(results, r => r.Result.Outcome == VoteOutcome.AddressCapReached);
        using var connection = _db.Open();
        // Tallies are the votes stored, counts the voters each address brought, and none past the cap.
        var tallies = connection.Query<(long ToolId, long Ships, long Skips)>("SELECT ToolId, Ships, Skips FROM VoteTally").ToList();
        var counted = connection.Query<(long ToolId, long Ships, long Skips)>(
            "SELECT ToolId, SUM(CASE WHEN Verdict = 'ship' THEN 1 ELSE 0 END), SUM(CASE WHEN Verdict = 'skip' THEN 1 ELSE 0 END) FROM Vote GROUP BY ToolId").ToList();
        Assert.Equal(counted.OrderBy(t => t.ToolId), tallies.Where(t => t.Ships + t.Skips > 0).OrderBy(t => t.ToolId));
        var addressCounts = connection.Query<(long ToolId, string AddressHash, long Voters)>("SELECT ToolId, AddressHash, Voters FROM VoteAddressCount ORDER BY 1, 2").ToList();
        var addressVoters = connection.Query<(long ToolId, string AddressHash, long Voters)>("SELECT ToolId, AddressHash, COUNT(*) FROM Vote GROUP BY ToolId, AddressHash ORDER BY 1, 2").ToList();
        Assert.Equal(addressVoters, addressCounts);
        Assert.All(addressCounts, c => Assert.True(c.Voters <= cap, $"{c.AddressHash} brought {c.Voters} voters to tool {c.ToolId}"));
        // Each voter's stored verdict is the last one acknowledged as recorded for them.
        var stored = connection.Query<(string Slug, string VoterId, string Verdict)>("SELECT t.Slug, v.VoterId, v.Verdict FROM Vote v JOIN Tool t ON t.Id = v.ToolId")
            .ToDictionary(v => (v.Slug, v.VoterId), v => v.Verdict);
        var recorded = results.Where(r => r.Result.Outcome == VoteOutcome.Recorded).Select(r => (r.Vote.ToolSlug, r.Vote.VoterId)).ToHashSet();
        Assert.Equal(recorded.Order(), stored.Keys.Order());
    }

    [Theory, Sqlite, PostgreSql]
    public async Task ChangingAVote_MovesItBetweenTallies(DatabaseProvider provider)
    {
        await OpenAsync(provider);
        await VoteAsync("smolvlm2", "v1", "a", ReviewVerdict.Ship, 5);
        await VoteAsync("smolvlm2", "v2", "a", ReviewVerdict.Ship, 5);

        var (_, tally) = await VoteAsync("smolvlm2", "v1", "a", ReviewVerdict.Skip, 5);

        Assert.Equal(new CommunityTally(1, 1), tally);
        Assert.Equal("Mixed · 50% of 2 votes", tally.DecisionText);
    }

    [Theory, Sqlite, PostgreSql]
    public async Task UnpublishedOrUnknownTool_IsNotVotedOn(DatabaseProvider provider)
    {
        await OpenAsync(provider);
        using (var connection = _db.Open())
            connection.Execute("UPDATE Tool SET IsPublished = 0 WHERE Slug = 'smolvlm2'");

        Assert.Equal(VoteOutcome.UnknownTool, (await VoteAsync("smolvlm2", "v", "a", ReviewVerdict.Ship, 5)).Outcome);
        Assert.Equal(VoteOutcome.UnknownTool, (await VoteAsync("nope", "v", "a", ReviewVerdict.Ship, 5)).Outcome);
    }

    [Fact]
    public async Task CapLookup_ReadsTheAddressCountRowByItsKey_NeverTheVotes()
    {
        await OpenAsync(DatabaseProvider.Sqlite);
        using var connection = _db.Open();

        var plan = connection.Query<(int Id, int Parent, int NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + VoteRepository.Lookup,
            new { Slug = "smolvlm2", VoterId = "v", AddressHash = "a" }).Select(r => r.Detail).ToList();

        Assert.Contains(plan, step => step.Contains("VoteAddressCount USING", StringComparison.Ordinal)
            && step.Contains("(ToolId=? AND AddressHash=?)", StringComparison.Ordinal));
        // The only look at Vote is the voter's own row, by its key: nothing counts the address's votes.
        Assert.DoesNotContain(plan, step => step.Contains("SCAN Vote", StringComparison.Ordinal));
        Assert.All(plan.Where(step => step.Contains(" Vote ", StringComparison.Ordinal)),
            step => Assert.Contains("(ToolId=? AND VoterId=?)", step, StringComparison.Ordinal));
    }

    [Theory, Sqlite, PostgreSql]
    public async Task Cap_RefusesTheVoterAfterTheCap_ReVotesAndChangedVotesStillCount(DatabaseProvider provider)
    {
        await OpenAsync(provider);
        foreach (var voter in new[] { "v1", "v2", "v3" })
            Assert.Equal(VoteOutcome.Recorded, (await VoteAsync("smolvlm2", voter, "a", ReviewVerdict.Ship, 3)).Outcome);

        // Voters already counted may vote again, the same way or changed, at the cap and after it.
        Assert.Equal(VoteOutcome.Recorded, (await VoteAsync("smolvlm2", "v1", "a", ReviewVerdict.Skip, 3)).Outcome);
        Assert.Equal(VoteOutcome.Recorded, (await VoteAsync("smolvlm2", "v2", "a", ReviewVerdict.Ship, 3)).Outcome);
        var refused = await VoteAsync("smolvlm2", "v4", "a", ReviewVerdict.Ship, 3);
        Assert.Equal(VoteOutcome.AddressCapReached, refused.Outcome);
        Assert.Equal(new CommunityTally(2, 1), refused.Tally);
        // A voter first seen from another address is counted there, even voting from this one later.
        Assert.Equal(VoteOutcome.Recorded, (await VoteAsync("smolvlm2", "v5", "b", ReviewVerdict.Ship, 3)).Outcome);
        Assert.Equal(VoteOutcome.Recorded, (await VoteAsync("smolvlm2", "v5", "a", ReviewVerdict.Skip, 3)).Outcome);
        Assert.Equal(VoteOutcome.AddressCapReached, (await VoteAsync("smolvlm2", "v6", "a", ReviewVerdict.Ship, 3)).Outcome);
        // Another tool has its own count.
        Assert.Equal(VoteOutcome.Recorded, (await VoteAsync("smolvlm2-2b", "v4", "a", ReviewVerdict.Ship, 3)).Outcome);

        using var connection = _db.Open();
        Assert.Equal(
            connection.Query<(long, string, int)>("SELECT ToolId, AddressHash, COUNT(*) FROM Vote GROUP BY ToolId, AddressHash ORDER BY 1, 2"),
            connection.Query<(long, string, int)>("SELECT ToolId, AddressHash, Voters FROM VoteAddressCount ORDER BY 1, 2"));
    }

    [Fact]
    public async Task AddressCountMigration_BackfillsTheCountsFromExistingVotes()
    {
        await OpenAsync(DatabaseProvider.Sqlite);
        // The database as it was before 0011: votes, and no count table.
        using (var connection = _db.Open())
        {
            connection.Execute("""
                DROP TABLE VoteAddressCount;
                CREATE INDEX IX_Vote_ToolId_AddressHash ON Vote (ToolId, AddressHash);
                DELETE FROM SchemaMigrations WHERE Version = 11;
                INSERT INTO Vote (ToolId, VoterId, AddressHash, Verdict, CreatedAt, UpdatedAt)
                SELECT t.Id, v.Voter, v.Address, 'ship', '2026-01-01', '2026-01-01'
                FROM Tool t, (SELECT 'v1' AS Voter, 'a' AS Address UNION ALL SELECT 'v2', 'a' UNION ALL SELECT 'v3', 'b') v
                WHERE t.Slug IN ('smolvlm2', 'smolvlm2-2b');
                """);
        }

        Assert.Equal(["0011_VoteAddressCount"], new Migrator(_db).Migrate());

        using (var connection = _db.Open())
        {
            Assert.Equal(
                [("smolvlm2", "a", 2), ("smolvlm2", "b", 1), ("smolvlm2-2b", "a", 2), ("smolvlm2-2b", "b", 1)],
                connection.Query<(string, string, int)>("SELECT t.Slug, c.AddressHash, c.Voters FROM VoteAddressCount c JOIN Tool t ON t.Id = c.ToolId ORDER BY 1, 2"));
        }
        // The cap reads the backfilled counts: a third voter from 'a' is refused at a cap of two.
        Assert.Equal(VoteOutcome.AddressCapReached, (await VoteAsync("smolvlm2", "v4", "a", ReviewVerdict.Ship, 2)).Outcome);
        Assert.Equal(VoteOutcome.Recorded, (await VoteAsync("smolvlm2", "v4", "b", ReviewVerdict.Ship, 2)).Outcome);
    }

    [Theory, Sqlite, PostgreSql]
    public async Task SiteSecret_IsMadeOnceAndKept(DatabaseProvider provider)
    {
        await OpenAsync(provider);
        var key = new SiteSecrets(_db).Get("address-hash-key");

        Assert.Equal(key, new SiteSecrets(_db).Get("address-hash-key"));
        Assert.Equal(32, key.Length);
        Assert.NotEqual(key, new SiteSecrets(_db).Get("another"));
    }
}
