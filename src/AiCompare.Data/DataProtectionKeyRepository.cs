using Dapper;

namespace AiCompare.Data;

/// <summary>
/// The key ring that signs the admin cookies (ASP.NET Core Data Protection's XML elements, as text), so
/// restarts and other instances share it. A private table: written directly, announcing no change.
/// </summary>
public sealed class DataProtectionKeyRepository(Db db)
{
    public IReadOnlyList<string> All()
    {
        const string sql = """
            SELECT Xml FROM DataProtectionKey ORDER BY Id;
            """;
        using var connection = db.Open();
        return connection.Query<string>(sql).ToList();
    }

    public void Store(string friendlyName, string xml)
    {
        // The framework names each key uniquely; a repeated name (a retried store) keeps the first copy.
        const string sql = """
            INSERT INTO DataProtectionKey (FriendlyName, Xml, CreatedAt) VALUES (@FriendlyName, @Xml, @CreatedAt)
            ON CONFLICT (FriendlyName) DO NOTHING;
            """;
        using var connection = db.Open();
        connection.Execute(sql, new { FriendlyName = friendlyName, Xml = xml, CreatedAt = DateTimeOffset.UtcNow });
    }
}
