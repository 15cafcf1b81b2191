using Dapper;

namespace AiCompare.Data;

/// <summary>
/// The readiness probe's write: one row updated in one short transaction, on a new connection outside the
/// pool, so it finds the storage as the next write would. A private table: written directly, announcing no change.
/// </summary>
public sealed class ReadinessRepository(Db db)
{
    /// <summary>
    /// Writes and commits the probe row, waiting at most <paramref name="lockTimeout"/> for another writer.
    /// Throws what the storage throws (see <see cref="StorageFault.Classify"/>).
    /// </summary>
    public async Task ProbeAsync(TimeSpan lockTimeout)
    {
        const string sql = """
            UPDATE Readiness SET CheckedAt = @Now WHERE Id = 1;
            """;
        await using var connection = db.OpenUnpooled(lockTimeout);
        await using var tx = connection.BeginTransaction();
        await connection.ExecuteAsync(sql, new { Now = DateTimeOffset.UtcNow }, tx);
        await tx.CommitAsync();
    }
}
