using System.Data;
using Dapper;

namespace AiCompare.Data;

/// <summary>
/// Writes that ride along inside another write's transaction: the audit trail and the verdict history.
/// </summary>
public static class Journal
{
    /// <summary>Appends one audit entry: who (null for the command line), what, to which subject.</summary>
    public static void Audit(IDbConnection connection, IDbTransaction tx, long? editorId, string action, string subject, string detail = "")
    {
        const string sql = """
            INSERT INTO AuditLog (At, EditorId, Action, Subject, Detail)
            VALUES (@At, @EditorId, @Action, @Subject, @Detail)
            """;
        connection.Execute(sql, new { At = DateTimeOffset.UtcNow, EditorId = editorId, Action = action, Subject = subject, Detail = detail }, tx);
    }

    /// <summary>Records the tool's current panel split when it differs from the last one recorded.</summary>
    public static void RecordVerdict(IDbConnection connection, IDbTransaction tx, long toolId, string at)
    {
        const string sql = """
            INSERT INTO VerdictHistory (ToolId, At, Ships, Skips)
            SELECT @ToolId, @At, c.Ships, c.Skips
            FROM (SELECT (SELECT COUNT(*) FROM Review WHERE ToolId = @ToolId AND Verdict = 'ship') AS Ships,
                         (SELECT COUNT(*) FROM Review WHERE ToolId = @ToolId AND Verdict = 'skip') AS Skips) c
            WHERE NOT EXISTS (
                SELECT 1 FROM (SELECT Ships, Skips FROM VerdictHistory WHERE ToolId = @ToolId ORDER BY Id DESC LIMIT 1) last
                WHERE last.Ships = c.Ships AND last.Skips = c.Skips)
              AND (c.Ships + c.Skips > 0 OR EXISTS (SELECT 1 FROM VerdictHistory WHERE ToolId = @ToolId))
            """;
        connection.Execute(sql, new { ToolId = toolId, At = at }, tx);
    }
}
