using Dapper;

namespace AiCompare.Data;

/// <summary>One audit entry, with the editor's display name (or "command line").</summary>
public sealed record AuditEntry(long Id, string At, string Who, string Action, string Subject, string Detail);

/// <summary>The audit trail: read newest first, and actions recorded that write nothing else.</summary>
public sealed class AuditRepository(Db db)
{
    /// <summary>Who an entry is by: the editor, else the scheduled publisher or a command-line verb (imports, seeding).</summary>
    private const string Who = "COALESCE(e.DisplayName, CASE WHEN a.Detail LIKE 'as scheduled for %' THEN 'scheduled publishing' ELSE 'command line' END)";

    /// <summary>The newest entry about <paramref name="subject"/> (e.g. <c>tool cursor</c>), with its editor's id.</summary>
    public async Task<(AuditEntry Entry, long? EditorId)?> LatestAsync(string subject)
    {
        const string sql = $"""
            SELECT a.Id, a.At, {Who} AS Who, a.Action, a.Subject, a.Detail, a.EditorId
            FROM AuditLog a LEFT JOIN Editor e ON e.Id = a.EditorId
            WHERE a.Subject = @Subject
            ORDER BY a.At DESC, a.Id DESC
            LIMIT 1
            """;
        await using var connection = db.Open();
        var row = await connection.QuerySingleOrDefaultAsync<LatestRow>(sql, new { Subject = subject });
        return row is null ? null : (new AuditEntry(row.Id, row.At, row.Who, row.Action, row.Subject, row.Detail), row.EditorId);
    }

    private sealed class LatestRow
    {
        public long Id { get; init; }
        public string At { get; init; } = "";
        public string Who { get; init; } = "";
        public string Action { get; init; } = "";
        public string Subject { get; init; } = "";
        public string Detail { get; init; } = "";
        public long? EditorId { get; init; }
    }

    /// <summary>
    /// Records an action that changes nothing stored but must be accountable, such as an export. Callers
    /// hand the data out only after this returns, so an export that cannot be recorded does not happen.
    /// </summary>
    public async Task RecordAsync(long? editorId, string action, string subject, string detail = "")
    {
        await using var connection = db.Open();
        await using var tx = connection.BeginTransaction();
        Journal.Audit(connection, tx, editorId, action, subject, detail);
        await tx.CommitAsync();
    }

    public async Task<(IReadOnlyList<AuditEntry> Entries, int Total)> PageAsync(int page, int pageSize)
    {
        const string sql = $"""
            SELECT a.Id, a.At, {Who} AS Who, a.Action, a.Subject, a.Detail
            FROM AuditLog a LEFT JOIN Editor e ON e.Id = a.EditorId
            ORDER BY a.At DESC, a.Id DESC
            LIMIT @Size OFFSET @Offset;
            SELECT COUNT(*) FROM AuditLog;
            """;
        await using var connection = db.Open();
        using var grid = await connection.QueryMultipleAsync(sql, new { Size = pageSize, Offset = (page - 1) * pageSize });
        var entries = (await grid.ReadAsync<AuditEntry>()).ToList();
        var total = await grid.ReadSingleAsync<int>();
        return (entries, total);
    }
}
