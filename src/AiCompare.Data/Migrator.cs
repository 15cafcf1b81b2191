using System.Globalization;
using Dapper;

namespace AiCompare.Data;

/// <summary>
/// Applies the embedded <c>Migrations/NNNN_Name.sql</c> scripts in order, each in its own transaction
/// together with its row in <c>SchemaMigrations</c>. Applied scripts are never run again.
/// </summary>
public sealed class Migrator(Db db)
{
    private const string ResourcePrefix = "AiCompare.Data.Migrations.";

    public sealed record Script(int Version, string Name, string Sql);

    public static IReadOnlyList<Script> Scripts() => Scripts(ResourcePrefix);

    /// <summary>The embedded scripts whose resource names start with <paramref name="prefix"/>, in version order.</summary>
    internal static IReadOnlyList<Script> Scripts(string prefix)
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
        // WAL is a property of the file: readers never block the writer.
        connection.Execute("PRAGMA journal_mode = WAL;");
        connection.Execute("""
            CREATE TABLE IF NOT EXISTS SchemaMigrations (
                Version   INTEGER NOT NULL CONSTRAINT PK_SchemaMigrations PRIMARY KEY,
                Name      TEXT    NOT NULL,
                AppliedAt TEXT    NOT NULL
            );
            """);
        var applied = connection.Query<int>("SELECT Version FROM SchemaMigrations").ToHashSet();
        var done = new List<string>();
        foreach (var script in Scripts().Where(s => !applied.Contains(s.Version)))
        {
            using var tx = connection.BeginTransaction();
            connection.Execute(script.Sql, transaction: tx);
            connection.Execute(
                "INSERT INTO SchemaMigrations (Version, Name, AppliedAt) VALUES (@Version, @Name, @AppliedAt)",
                new { script.Version, script.Name, AppliedAt = DateTimeOffset.UtcNow },
                tx);
            tx.Commit();
            done.Add(script.Name);
        }
        return done;
    }
}
