using System.Data.Common;
using System.Globalization;
using Dapper;

namespace AiCompare.Data;

/// <summary>
/// Applies the embedded migrations of the database's provider in order, each in its own transaction
/// together with its row in <c>SchemaMigrations</c>: SQLite's <c>Migrations/NNNN_Name.sql</c>, or
/// PostgreSQL's <c>Migrations/PostgreSql/NNNN_Name.sql</c> (numbered on their own: a PostgreSQL database is
/// always made new, never upgraded from one of SQLite's versions). Applied scripts are never run again.
/// On PostgreSQL several nodes may start at once: the run holds a session advisory lock, so the others
/// wait for it and then find every script applied.
/// </summary>
public sealed class Migrator(Db db)
{
    private const string ResourcePrefix = "AiCompare.Data.Migrations.";
    private const string PostgreSqlPrefix = "AiCompare.Data.PostgreSqlMigrations.";

    // The PostgreSQL lock's number among the database's advisory locks ("AiCompar"): held while migrating,
    // and by imports and copy-to, so that nodes starting together migrate and seed one at a time.
    internal const long LockKey = 0x4169436f6d706172;

    public sealed record Script(int Version, string Name, string Sql);

    /// <summary>The provider's scripts, in version order.</summary>
    public static IReadOnlyList<Script> Scripts(DatabaseProvider provider = DatabaseProvider.Sqlite) =>
        Scripts(provider == DatabaseProvider.PostgreSql ? PostgreSqlPrefix : ResourcePrefix);

    private static IReadOnlyList<Script> Scripts(string prefix)
    {
        var assembly = typeof(Migrator).Assembly;
        var scripts = new List<Script>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(prefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
                continue;
            var name = resource[prefix.Length..^4];
            var underscore = name.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || !int.TryParse(name[..underscore], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
                throw new InvalidOperationException($"Migration '{resource}' must be named NNNN_Name.sql.");
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add(new Script(version, name, reader.ReadToEnd()));
        }
        var ordered = scripts.OrderBy(s => s.Version).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Version == ordered[i - 1].Version)
                throw new InvalidOperationException($"Two migrations share version {ordered[i].Version}.");
        }
        return ordered;
    }

    /// <summary>Applies pending scripts; returns the names applied.</summary>
    public IReadOnlyList<string> Migrate()
    {
        using var connection = db.Open();
        if (db.Provider == DatabaseProvider.PostgreSql)
        {
            connection.Execute("SELECT pg_advisory_lock(@LockKey)", new { LockKey });
            try
            {
                return Apply(connection, DatabaseProvider.PostgreSql);
            }
            finally
            {
                // Closing the connection would release the lock too; a pooled connection is only returned.
                connection.Execute("SELECT pg_advisory_unlock(@LockKey)", new { LockKey });
            }
        }
        // WAL is a property of the file: readers never block the writer.
        connection.Execute("PRAGMA journal_mode = WAL;");
        return Apply(connection, DatabaseProvider.Sqlite);
    }

    private static List<string> Apply(DbConnection connection, DatabaseProvider provider)
    {
        connection.Execute(provider == DatabaseProvider.PostgreSql
            ? """
              CREATE TABLE IF NOT EXISTS SchemaMigrations (
                  Version   BIGINT NOT NULL CONSTRAINT PK_SchemaMigrations PRIMARY KEY,
                  Name      TEXT   NOT NULL,
                  AppliedAt TEXT   NOT NULL
              );
              """
            : """
              CREATE TABLE IF NOT EXISTS SchemaMigrations (
                  Version   INTEGER NOT NULL CONSTRAINT PK_SchemaMigrations PRIMARY KEY,
                  Name      TEXT    NOT NULL,
                  AppliedAt TEXT    NOT NULL
              );
              """);
        var applied = connection.Query<long>("SELECT Version FROM SchemaMigrations").ToHashSet();
        var done = new List<string>();
        foreach (var script in Scripts(provider).Where(s => !applied.Contains(s.Version)))
        {
            using var tx = connection.BeginTransaction();
            connection.Execute(script.Sql, transaction: tx);
            connection.Execute(
                "INSERT INTO SchemaMigrations (Version, Name, AppliedAt) VALUES (@Version, @Name, @AppliedAt)",
                new { Version = (long)script.Version, script.Name, AppliedAt = DateTimeOffset.UtcNow },
                tx);
            tx.Commit();
            done.Add(script.Name);
        }
        return done;
    }
}
