using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace AiCompare.Data;

/// <summary>
/// Data Protection's key ring in the database, so restarts and other instances share the keys that sign
/// the admin cookies. A private table: written directly, announcing no change.
/// </summary>
public sealed class DataProtectionKeyRepository(Db db) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        const string sql = """
            SELECT Xml FROM DataProtectionKey ORDER BY Id;
            """;
        using var connection = db.Open();
        return connection.Query<string>(sql).Select(xml => XElement.Parse(xml)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        // The framework names each key uniquely; a repeated name (a retried store) keeps the first copy.
        const string sql = """
            INSERT INTO DataProtectionKey (FriendlyName, Xml, CreatedAt) VALUES (@FriendlyName, @Xml, @CreatedAt)
            ON CONFLICT (FriendlyName) DO NOTHING;
            """;
        using var connection = db.Open();
        connection.Execute(sql, new { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting), CreatedAt = DateTimeOffset.UtcNow });
    }
}
