using AiCompare.Domain;
using Dapper;

namespace AiCompare.Data;

/// <summary>How a vote ended.</summary>
public enum VoteOutcome
{
    Recorded,
    UnknownTool,
    AddressCapReached,
}

/// <summary>One reader's ship/skip on one tool, as received.</summary>
public sealed record VoteRequest(string ToolSlug, string VoterId, string AddressHash, ReviewVerdict Verdict, int PerAddressCap);

/// <summary>What became of a vote, with the tool's tally after it.</summary>
public sealed record VoteResult(VoteOutcome Outcome, CommunityTally Tally)
{
    /// <summary>True when the vote changed the stored tally (a new vote, or a changed one).</summary>
    public bool Changed { get; init; }
}

/// <summary>Community votes: one per (tool, voter), changeable, capped per address; tallies kept alongside.</summary>
public sealed class VoteRepository(Db db)
{
    /// <summary>
    /// A vote's tool, the voter's previous verdict, the address's voters on the tool (one row of
    /// VoteAddressCount, however many votes the address has cast) and the tally. Internal so that tests
    /// can check its query plan.
    /// </summary>
    internal const string Lookup = """
        SELECT t.Id AS ToolId, c.Slug AS CategorySlug,
               (SELECT Verdict FROM Vote WHERE ToolId = t.Id AND VoterId = @VoterId) AS Previous,
               COALESCE((SELECT Voters FROM VoteAddressCount WHERE ToolId = t.Id AND AddressHash = @AddressHash), 0) AS FromAddress,
               COALESCE((SELECT Ships FROM VoteTally WHERE ToolId = t.Id), 0) AS Ships,
               COALESCE((SELECT Skips FROM VoteTally WHERE ToolId = t.Id), 0) AS Skips
        FROM Tool t JOIN Category c ON c.Id = t.CategoryId
        WHERE t.Slug = @Slug AND t.IsPublished = 1
        """;

    /// <summary>
    /// Applies the votes in order, in one transaction, and commits once: many votes share one disk
    /// flush (group commit). Returns one result per vote, valid only because the commit succeeded;
    /// if anything fails, nothing of the batch is stored and the exception reaches every caller.
    /// </summary>
    public IReadOnlyList<VoteResult> RecordBatch(IReadOnlyList<VoteRequest> votes)
    {
        // Only a voter new to the tool adds to the address's count: a changed vote keeps its first address.
        const string countVoter = """
            INSERT INTO VoteAddressCount (ToolId, AddressHash, Voters) VALUES (@ToolId, @AddressHash, 1)
            ON CONFLICT (ToolId, AddressHash) DO UPDATE SET Voters = VoteAddressCount.Voters + 1
            """;
        // Two commands, not one of two statements: Npgsql writes a many-statement command from a thread-pool
        // task, which this synchronous writer would then wait on.
        const string record = """
            INSERT INTO Vote (ToolId, VoterId, AddressHash, Verdict, CreatedAt, UpdatedAt)
            VALUES (@ToolId, @VoterId, @AddressHash, @Verdict, @Now, @Now)
            ON CONFLICT (ToolId, VoterId) DO UPDATE SET Verdict = excluded.Verdict, UpdatedAt = excluded.UpdatedAt
            """;
        const string upsertTally = """
            INSERT INTO VoteTally (ToolId, Ships, Skips) VALUES (@ToolId, @Ship, @Skip)
            ON CONFLICT (ToolId) DO UPDATE SET
                Ships = VoteTally.Ships + @Ship - @WasShip,
                Skips = VoteTally.Skips + @Skip - @WasSkip
            RETURNING Ships, Skips;
            """;
        // A vote is acknowledged once durable: every commit reaches the disk (SQLite's WAL is synced;
        // PostgreSQL's commits wait for their WAL flush by default, synchronous_commit = on).
        // Nodes sharing a PostgreSQL database write batches at the same time. Each batch first locks the
        // tools it votes on, all at once and in one order, so that a voter's previous vote and an address's
        // count are read after any other node's commit on that tool (a double-submitted vote is counted
        // once, a cap holds across nodes), and two batches never wait on each other's row locks in a circle.
        // SQLite has one writer at a time and needs none of this. The lock's first key, 1450145893, is
        // "Vote" in ASCII: votes' own space of advisory locks.
        const string lockTools = """
            SELECT pg_advisory_xact_lock(1450145893, h)
            FROM (SELECT DISTINCT hashtext(s) AS h FROM unnest(@Slugs) AS s ORDER BY h) AS tools
            """;
        return db.Write<IReadOnlyList<VoteResult>>((connection, tx) =>
        {
        if (db.Provider == DatabaseProvider.PostgreSql) connection.Execute(lockTools, new { Slugs = votes.Select(v => v.ToolSlug).ToArray() }, tx);
        var results = new VoteResult[votes.Count];
        // The last committed tally of each tool the batch moved, in first-vote order.
        Dictionary<string, VotedTool>? changed = null;
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < votes.Count; i++)
        {
            var vote = votes[i];
            var v = ContentRules.VerdictToken(vote.Verdict);
            var state = connection.QuerySingleOrDefault<VoteState>(Lookup, new { Slug = vote.ToolSlug, vote.VoterId, vote.AddressHash }, tx);
            if (state is null)
            {
                results[i] = new VoteResult(VoteOutcome.UnknownTool, CommunityTally.None);
                continue;
            }
            var tally = new CommunityTally(state.Ships, state.Skips);
            if (state.Previous is null && state.FromAddress >= vote.PerAddressCap)
            {
                results[i] = new VoteResult(VoteOutcome.AddressCapReached, tally);
                continue;
            }
            if (state.Previous == v)
            {
                results[i] = new VoteResult(VoteOutcome.Recorded, tally);
                continue;
            }
            if (state.Previous is null) connection.Execute(countVoter, new { state.ToolId, vote.AddressHash }, tx);
            connection.Execute(record, new { state.ToolId, vote.VoterId, vote.AddressHash, Verdict = v, Now = now }, tx);
            var after = connection.QuerySingle<TallyRow>(upsertTally, new
            {
                state.ToolId,
                Ship = v == "ship" ? 1L : 0L, Skip = v == "skip" ? 1L : 0L,
                WasShip = state.Previous == "ship" ? 1L : 0L, WasSkip = state.Previous == "skip" ? 1L : 0L,
            }, tx);
            results[i] = new VoteResult(VoteOutcome.Recorded, new CommunityTally(after.Ships, after.Skips)) { Changed = true };
            (changed ??= new(StringComparer.Ordinal))[vote.ToolSlug] = new VotedTool(vote.ToolSlug, state.CategorySlug, after.Ships, after.Skips);
        }
        // When no tally moved, nothing was written: nothing to commit or announce.
        return (results, changed is null ? null : new Change.Voted([.. changed.Values]));
        }, prepare: db.Provider == DatabaseProvider.Sqlite ? connection => connection.Execute("PRAGMA synchronous = FULL") : null);
    }

    /// <summary>
    /// The current tallies of the published tools among <paramref name="slugs"/>, in one query; a tool
    /// without votes has a zero tally, an unknown or unpublished one is left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, CommunityTally>> TalliesAsync(IReadOnlyCollection<string> slugs)
    {
        if (slugs.Count == 0) return new Dictionary<string, CommunityTally>();
        const string sqlite = """
            SELECT t.Slug, COALESCE(v.Ships, 0) AS Ships, COALESCE(v.Skips, 0) AS Skips
            FROM Tool t LEFT JOIN VoteTally v ON v.ToolId = t.Id
            WHERE t.Slug IN @Slugs AND t.IsPublished = 1
            """;
        const string postgreSql = """
            SELECT t.Slug, COALESCE(v.Ships, 0) AS Ships, COALESCE(v.Skips, 0) AS Skips
            FROM Tool t LEFT JOIN VoteTally v ON v.ToolId = t.Id
            WHERE t.Slug = ANY(@Slugs) AND t.IsPublished = 1
            """;
        await using var connection = db.Open();
        var rows = await connection.QueryAsync<(string Slug, int Ships, int Skips)>(db.Sql(sqlite, postgreSql), new { Slugs = slugs.ToArray() });
        return rows.ToDictionary(r => r.Slug, r => new CommunityTally(r.Ships, r.Skips), StringComparer.Ordinal);
    }

    /// <summary>This voter's votes among the given tools (for highlighting; never part of cached HTML).</summary>
    public async Task<IReadOnlyDictionary<string, string>> MineAsync(string voterId, IReadOnlyCollection<string> slugs)
    {
        if (slugs.Count == 0) return new Dictionary<string, string>();
        const string sqlite = """
            SELECT t.Slug, v.Verdict FROM Vote v JOIN Tool t ON t.Id = v.ToolId
            WHERE v.VoterId = @VoterId AND t.Slug IN @Slugs
            """;
        const string postgreSql = """
            SELECT t.Slug, v.Verdict FROM Vote v JOIN Tool t ON t.Id = v.ToolId
            WHERE v.VoterId = @VoterId AND t.Slug = ANY(@Slugs)
            """;
        await using var connection = db.Open();
        var rows = await connection.QueryAsync<(string Slug, string Verdict)>(db.Sql(sqlite, postgreSql), new { VoterId = voterId, Slugs = slugs.ToArray() });
        return rows.ToDictionary(r => r.Slug, r => r.Verdict, StringComparer.Ordinal);
    }

    private sealed class VoteState
    {
        public long ToolId { get; init; }
        public string CategorySlug { get; init; } = "";
        public string? Previous { get; init; }
        public int FromAddress { get; init; }
        public int Ships { get; init; }
        public int Skips { get; init; }
    }

    private sealed class TallyRow
    {
        public int Ships { get; init; }
        public int Skips { get; init; }
    }
}
