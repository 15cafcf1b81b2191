using Dapper;

namespace AiCompare.Data;

/// <summary>One audit entry, with the editor's display name (or "command line").</summary>
public sealed record AuditEntry(long Id, string At, string Who, string Action, string Subject, string Detail);

/// <summary>Reads the audit trail, newest first.</summary>
public sealed class AuditRepository(Db db)
{
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
