using AiCompare.Domain;
using Dapper;
using Npgsql;
using NpgsqlTypes;

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
    /// A vote is acknowledged once durable: every commit reaches the disk (SQLite's WAL is synced;
    /// PostgreSQL's commits wait for their WAL flush by default, synchronous_commit = on).
    /// </summary>
    public Task<IReadOnlyList<VoteResult>> RecordBatchAsync(IReadOnlyList<VoteRequest> votes) =>
        db.Provider == DatabaseProvider.PostgreSql ? RecordOnPostgreSqlAsync(votes) : Task.FromResult(RecordOnSqlite(votes));

    /// <summary>
    /// The batch on SQLite: one vote after the other, each a lookup and the writes it calls for, each its own
    /// statement (in-process calls, no round trips), synchronously: the vote writer has a loop of its own.
    /// </summary>
    private IReadOnlyList<VoteResult> RecordOnSqlite(IReadOnlyList<VoteRequest> votes)
    {
        // Only a voter new to the tool adds to the address's count: a changed vote keeps its first address.
        const string countVoter = """
            INSERT INTO VoteAddressCount (ToolId, AddressHash, Voters) VALUES (@ToolId, @AddressHash, 1)
            ON CONFLICT (ToolId, AddressHash) DO UPDATE SET Voters = VoteAddressCount.Voters + 1
            """;
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
        return db.Write<IReadOnlyList<VoteResult>>((connection, tx) =>
        {
            var results = new VoteResult[votes.Count];
            var voted = new VotedTools();
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < votes.Count; i++)
            {
                var vote = votes[i];
                var verdict = ContentRules.VerdictToken(vote.Verdict);
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
                if (state.Previous == verdict)
                {
                    results[i] = new VoteResult(VoteOutcome.Recorded, tally);
                    continue;
                }
                if (state.Previous is null) connection.Execute(countVoter, new { state.ToolId, vote.AddressHash }, tx);
                connection.Execute(record, new { state.ToolId, vote.VoterId, vote.AddressHash, Verdict = verdict, Now = now }, tx);
                var after = connection.QuerySingle<TallyRow>(upsertTally, new
                {
                    state.ToolId,
                    Ship = verdict == "ship" ? 1L : 0L, Skip = verdict == "skip" ? 1L : 0L,
                    WasShip = state.Previous == "ship" ? 1L : 0L, WasSkip = state.Previous == "skip" ? 1L : 0L,
                }, tx);
                results[i] = new VoteResult(VoteOutcome.Recorded, new CommunityTally(after.Ships, after.Skips)) { Changed = true };
                voted.Moved(vote.ToolSlug, state.CategorySlug, results[i].Tally);
            }
            // When no tally moved, nothing was written: nothing to commit or announce.
            return (results, voted.Change);
        }, prepare: connection => connection.Execute("PRAGMA synchronous = FULL"));
    }

    /// <summary>
    /// Nodes sharing a PostgreSQL database write batches at the same time. Each batch first locks the
    /// tools it votes on, all at once and in one order, so that a voter's previous vote and an address's
    /// count are read after any other node's commit on that tool (a double-submitted vote is counted
    /// once, a cap holds across nodes), and two batches never wait on each other's row locks in a circle.
    /// SQLite has one writer at a time and needs none of this. The lock's first key, 1450145893, is
    /// "Vote" in ASCII: votes' own space of advisory locks.
    /// </summary>
    private const string LockStatement = """
        SELECT pg_advisory_xact_lock(1450145893, h)
        FROM (SELECT DISTINCT hashtext(s) AS h FROM unnest($1::text[]) AS s ORDER BY h) AS tools
        """;

    /// <summary>
    /// One vote on PostgreSQL: <see cref="Lookup"/>, the decision and the writes of
    /// <see cref="RecordOnSqlite"/> in one statement. $1 slug, $2 voter, $3 address hash, $4 verdict,
    /// $5 the time as stored, $6 the per-address cap. Its first part is <see cref="Lookup"/> with positional
    /// parameters, which a prepared batch takes.
    /// </summary>
    private const string VoteStatement = """
        WITH state AS (
            SELECT t.Id AS ToolId, c.Slug AS CategorySlug,
                   (SELECT Verdict FROM Vote WHERE ToolId = t.Id AND VoterId = $2) AS Previous,
                   COALESCE((SELECT Voters FROM VoteAddressCount WHERE ToolId = t.Id AND AddressHash = $3), 0) AS FromAddress,
                   COALESCE((SELECT Ships FROM VoteTally WHERE ToolId = t.Id), 0) AS Ships,
                   COALESCE((SELECT Skips FROM VoteTally WHERE ToolId = t.Id), 0) AS Skips
            FROM Tool t JOIN Category c ON c.Id = t.CategoryId
            WHERE t.Slug = $1 AND t.IsPublished = 1
        ),
        decided AS (
            SELECT state.*,
                   CASE WHEN Previous IS NULL AND FromAddress >= $6 THEN 'capped'
                        WHEN Previous = $4 THEN 'unchanged'
                        ELSE 'recorded' END AS Outcome
            FROM state
        ),
        counted AS (
            INSERT INTO VoteAddressCount (ToolId, AddressHash, Voters)
            SELECT ToolId, $3, 1 FROM decided WHERE Outcome = 'recorded' AND Previous IS NULL
            ON CONFLICT (ToolId, AddressHash) DO UPDATE SET Voters = VoteAddressCount.Voters + 1
        ),
        recorded AS (
            INSERT INTO Vote (ToolId, VoterId, AddressHash, Verdict, CreatedAt, UpdatedAt)
            SELECT ToolId, $2, $3, $4, $5, $5 FROM decided WHERE Outcome = 'recorded'
            ON CONFLICT (ToolId, VoterId) DO UPDATE SET Verdict = excluded.Verdict, UpdatedAt = excluded.UpdatedAt
        ),
        -- The tally moves by the vote less the voter's previous one; a tool's first vote has no previous one.
        tallied AS (
            INSERT INTO VoteTally (ToolId, Ships, Skips)
            SELECT ToolId,
                   ($4 = 'ship')::int - (Previous IS NOT DISTINCT FROM 'ship')::int,
                   ($4 = 'skip')::int - (Previous IS NOT DISTINCT FROM 'skip')::int
            FROM decided WHERE Outcome = 'recorded'
            ON CONFLICT (ToolId) DO UPDATE SET Ships = VoteTally.Ships + excluded.Ships, Skips = VoteTally.Skips + excluded.Skips
            RETURNING Ships, Skips
        )
        SELECT d.CategorySlug, d.Outcome, COALESCE(t.Ships, d.Ships) AS Ships, COALESCE(t.Skips, d.Skips) AS Skips
        FROM decided d LEFT JOIN tallied t ON true
        """;

    /// <summary>
    /// The batch on PostgreSQL: the lock, then every vote as one statement, all sent as one batch (one
    /// round trip to the server, not four for each vote), prepared once per connection. Each statement
    /// sees the ones before it, so the batch decides as SQLite's does, vote after vote.
    /// </summary>
    private async Task<IReadOnlyList<VoteResult>> RecordOnPostgreSqlAsync(IReadOnlyList<VoteRequest> votes)
    {
        return await db.WriteAsync<IReadOnlyList<VoteResult>>(async (connection, tx) =>
        {
            var now = DapperSetup.TextOf(DateTimeOffset.UtcNow);
            await using var batch = new NpgsqlBatch((NpgsqlConnection)connection, (NpgsqlTransaction)tx);
            var slugs = new string[votes.Count];
            for (var i = 0; i < votes.Count; i++) slugs[i] = votes[i].ToolSlug;
            batch.BatchCommands.Add(new NpgsqlBatchCommand(LockStatement) { Parameters = { new() { Value = slugs, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text } } });
            foreach (var vote in votes)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(VoteStatement)
                {
                    Parameters =
                    {
                        new() { Value = vote.ToolSlug, NpgsqlDbType = NpgsqlDbType.Text },
                        new() { Value = vote.VoterId, NpgsqlDbType = NpgsqlDbType.Text },
                        new() { Value = vote.AddressHash, NpgsqlDbType = NpgsqlDbType.Text },
                        new() { Value = ContentRules.VerdictToken(vote.Verdict), NpgsqlDbType = NpgsqlDbType.Text },
                        new() { Value = now, NpgsqlDbType = NpgsqlDbType.Text },
                        new() { Value = (long)vote.PerAddressCap, NpgsqlDbType = NpgsqlDbType.Bigint },
                    },
                });
            }
            await batch.PrepareAsync();
            var results = new VoteResult[votes.Count];
            var voted = new VotedTools();
            await using (var reader = await batch.ExecuteReaderAsync())
            {
                for (var i = 0; i < votes.Count; i++)
                {
                    // Past the lock's rows (first), then the previous vote's.
                    if (!await reader.NextResultAsync()) throw new InvalidOperationException($"The batch of {votes.Count} votes answered {i} of them.");
                    if (!await reader.ReadAsync())
                    {
                        results[i] = new VoteResult(VoteOutcome.UnknownTool, CommunityTally.None);
                        continue;
                    }
                    var categorySlug = reader.GetString(0);
                    var tally = new CommunityTally(checked((int)reader.GetInt64(2)), checked((int)reader.GetInt64(3)));
                    results[i] = reader.GetString(1) switch
                    {
                        "capped" => new VoteResult(VoteOutcome.AddressCapReached, tally),
                        "unchanged" => new VoteResult(VoteOutcome.Recorded, tally),
                        _ => new VoteResult(VoteOutcome.Recorded, tally) { Changed = true },
                    };
                    if (results[i].Changed) voted.Moved(votes[i].ToolSlug, categorySlug, tally);
                }
            }
            return (results, voted.Change);
        });
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

    /// <summary>The last tally of each tool a batch moved, in first-vote order: what the batch announces.</summary>
    private sealed class VotedTools
    {
        private Dictionary<string, VotedTool>? _moved;

        public void Moved(string slug, string categorySlug, CommunityTally tally) =>
            (_moved ??= new(StringComparer.Ordinal))[slug] = new VotedTool(slug, categorySlug, tally.Ships, tally.Skips);

        public Change? Change => _moved is null ? null : new Change.Voted([.. _moved.Values]);
    }

    private sealed class TallyRow
    {
        public int Ships { get; init; }
        public int Skips { get; init; }
    }
}
