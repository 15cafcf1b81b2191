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

/// <summary>Community votes: one per (tool, voter), changeable, capped per address; tallies kept alongside.</summary>
public sealed class VoteRepository(Db db)
{
    /// <summary>Records or changes a vote; acknowledged only after the transaction commits.</summary>
    public async Task<(VoteOutcome Outcome, CommunityTally Tally)> VoteAsync(string toolSlug, string voterId, string addressHash, ReviewVerdict verdict, int perAddressCap)
    {
        var v = verdict == ReviewVerdict.Ship ? "ship" : "skip";
        await using var connection = db.Open();
        await using var tx = connection.BeginTransaction();
        var toolId = await connection.ExecuteScalarAsync<long?>("SELECT Id FROM Tool WHERE Slug = @Slug AND IsPublished = 1", new { Slug = toolSlug }, tx);
        if (toolId is null) return (VoteOutcome.UnknownTool, CommunityTally.None);

        var previous = await connection.ExecuteScalarAsync<string?>(
            "SELECT Verdict FROM Vote WHERE ToolId = @ToolId AND VoterId = @VoterId", new { ToolId = toolId, VoterId = voterId }, tx);
        if (previous is null)
        {
            const string capSql = "SELECT COUNT(*) FROM Vote WHERE ToolId = @ToolId AND AddressHash = @AddressHash";
            if (await connection.ExecuteScalarAsync<int>(capSql, new { ToolId = toolId, AddressHash = addressHash }, tx) >= perAddressCap)
                return (VoteOutcome.AddressCapReached, await TallyAsync(connection, tx, toolId.Value));
        }
        if (previous != v)
        {
            const string upsert = """
                INSERT INTO Vote (ToolId, VoterId, AddressHash, Verdict, CreatedAt, UpdatedAt)
                VALUES (@ToolId, @VoterId, @AddressHash, @Verdict, @Now, @Now)
                ON CONFLICT (ToolId, VoterId) DO UPDATE SET Verdict = excluded.Verdict, UpdatedAt = excluded.UpdatedAt;

                INSERT INTO VoteTally (ToolId, Ships, Skips) VALUES (@ToolId, 0, 0) ON CONFLICT (ToolId) DO NOTHING;
                UPDATE VoteTally SET
                    Ships = Ships + (@Verdict = 'ship') - (@Previous IS NOT NULL AND @Previous = 'ship'),
                    Skips = Skips + (@Verdict = 'skip') - (@Previous IS NOT NULL AND @Previous = 'skip')
                WHERE ToolId = @ToolId;
                """;
            await connection.ExecuteAsync(upsert, new { ToolId = toolId, VoterId = voterId, AddressHash = addressHash, Verdict = v, Previous = previous, Now = DateTimeOffset.UtcNow }, tx);
        }
        var tally = await TallyAsync(connection, tx, toolId.Value);
        await tx.CommitAsync();
        return (VoteOutcome.Recorded, tally);
    }

    /// <summary>This voter's votes among the given tools (for highlighting; never part of cached HTML).</summary>
    public async Task<IReadOnlyDictionary<string, string>> MineAsync(string voterId, IReadOnlyCollection<string> slugs)
    {
        if (slugs.Count == 0) return new Dictionary<string, string>();
        const string sql = """
            SELECT t.Slug, v.Verdict FROM Vote v JOIN Tool t ON t.Id = v.ToolId
            WHERE v.VoterId = @VoterId AND t.Slug IN @Slugs
            """;
        await using var connection = db.Open();
        var rows = await connection.QueryAsync<(string Slug, string Verdict)>(sql, new { VoterId = voterId, Slugs = slugs });
        return rows.ToDictionary(r => r.Slug, r => r.Verdict, StringComparer.Ordinal);
    }

    private static async Task<CommunityTally> TallyAsync(System.Data.IDbConnection connection, System.Data.IDbTransaction tx, long toolId)
    {
        var row = await connection.QuerySingleOrDefaultAsync<TallyRow>("SELECT Ships, Skips FROM VoteTally WHERE ToolId = @ToolId", new { ToolId = toolId }, tx);
        return row is null ? CommunityTally.None : new CommunityTally(row.Ships, row.Skips);
    }

    private sealed class TallyRow
    {
        public int Ships { get; init; }
        public int Skips { get; init; }
    }
}
