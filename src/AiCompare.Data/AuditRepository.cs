using Dapper;

namespace AiCompare.Data;

/// <summary>One audit entry, with the editor's display name (or "command line").</summary>
public sealed record AuditEntry(long Id, string At, string Who, string Action, string Subject, string Detail);

/// <summary>The audit trail: read newest first, and actions recorded that write nothing else.</summary>
public sealed class AuditRepository(Db db)
{
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
        const string sql = """
            SELECT a.Id, a.At, COALESCE(e.DisplayName, 'command line') AS Who, a.Action, a.Subject, a.Detail
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
