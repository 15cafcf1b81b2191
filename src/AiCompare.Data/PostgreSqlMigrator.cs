using System.Globalization;
using Dapper;
using Npgsql;

namespace AiCompare.Data;

/// <summary>
/// Applies PostgreSQL's embedded migrations (<c>Migrations/PostgreSql/NNNN_Name.sql</c>) in order, each in
/// its own transaction together with its row in <c>SchemaMigrations</c>, as <see cref="Migrator"/> does
/// for SQLite. Several nodes may start at once against one database: the run holds a session advisory
/// lock, so the others wait for it and then find every script applied.
/// </summary>
public sealed class PostgreSqlMigrator(string connectionString)
{
    internal const string ResourcePrefix = "AiCompare.Data.PostgreSqlMigrations.";

    // The lock's number among the database's advisory locks: any fixed value no other code uses ("AiCompar").
    private const long LockKey = 0x4169436f6d706172;

    public static IReadOnlyList<Migrator.Script> Scripts() => Migrator.Scripts(ResourcePrefix);

    /// <summary>Applies pending scripts; returns the names applied.</summary>
    public IReadOnlyList<string> Migrate()
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        connection.Execute("SELECT pg_advisory_lock(@LockKey)", new { LockKey });
        try
        {
            connection.Execute("""
                CREATE TABLE IF NOT EXISTS SchemaMigrations (
                    Version   BIGINT NOT NULL CONSTRAINT PK_SchemaMigrations PRIMARY KEY,
                    Name      TEXT   NOT NULL,
                    AppliedAt TEXT   NOT NULL
                );
                """);
            var applied = connection.Query<long>("SELECT Version FROM SchemaMigrations").ToHashSet();
            var done = new List<string>();
            foreach (var script in Scripts().Where(s => !applied.Contains(s.Version)))
            {
                using var tx = connection.BeginTransaction();
                connection.Execute(script.Sql, transaction: tx);
                connection.Execute(
                    "INSERT INTO SchemaMigrations (Version, Name, AppliedAt) VALUES (@Version, @Name, @AppliedAt)",
                    new { Version = (long)script.Version, script.Name, AppliedAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture) },
                    tx);
                tx.Commit();
                done.Add(script.Name);
            }
            return done;
        }
        finally
        {
            // Closing the connection would release it too; a pooled connection is not closed, only returned.
            connection.Execute("SELECT pg_advisory_unlock(@LockKey)", new { LockKey });
        }
    }
}
