using System.Security.Cryptography;
using Dapper;

namespace AiCompare.Data;

/// <summary>
/// Keys the site makes for itself on first use and keeps in the database, so restarts and other instances
/// share them. Only for keys whose use the database itself does not reveal (link signing): never for a key
/// that hides data stored in the same database, such as the address hash's.
/// </summary>
public sealed class SiteSecrets(Db db)
{
    public byte[] Get(string name)
    {
        const string sql = """
            INSERT INTO SiteSecret (Name, Value) VALUES (@Name, @Value) ON CONFLICT (Name) DO NOTHING;
            SELECT Value FROM SiteSecret WHERE Name = @Name;
            """;
        using var connection = db.Open();
        var value = connection.ExecuteScalar<string>(sql, new { Name = name, Value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });
        return Convert.FromBase64String(value!);
    }
}
