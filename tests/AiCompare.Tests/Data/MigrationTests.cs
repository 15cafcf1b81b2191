using System.Globalization;
using System.Text.RegularExpressions;
using AiCompare.Data;
using AiCompare.Tests.Support;
using Dapper;

namespace AiCompare.Tests.Data;

public sealed class MigrationTests
{
    private const string MigrationsPrefix = "AiCompare.Data.Migrations.";

    private static readonly Regex ScriptFileName = new(@"^(?<number>[0-9]{4})_[A-Za-z][A-Za-z0-9_]*\.sql$", RegexOptions.CultureInvariant);

    [Fact]
    public void Migrate_FreshFile_CreatesSchemaAndJournalsEveryScript()
    {
        using var temp = new TempDirectory();
        var db = new Db($"Data Source={temp.Combine("nested", "dir", "fresh.db")}");

        var applied = new Migrator(db).Migrate();

        Assert.Equal(Migrator.Scripts().Select(s => s.Name), applied);
        using var connection = db.Open();
        var tables = connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table'").ToHashSet();
        Assert.Superset(new HashSet<string> { "SchemaMigrations", "Critic", "Category", "Tool", "Review" }, tables);
        Assert.Equal(applied.Count, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM SchemaMigrations"));
        Assert.Equal("wal", connection.ExecuteScalar<string>("PRAGMA journal_mode"));
        Assert.Equal(1, connection.ExecuteScalar<int>("PRAGMA foreign_keys"));
    }

    [Fact]
    public void Migrate_SecondRun_AppliesNothing()
    {
        using var temp = new TempDirectory();
        var db = new Db(temp.ConnectionString);
        new Migrator(db).Migrate();

        var again = new Migrator(db).Migrate();

        Assert.Empty(again);
    }

    [Theory]
    [InlineData(MigrationsPrefix, DatabaseProvider.Sqlite)]
    [InlineData("AiCompare.Data.PostgreSqlMigrations.", DatabaseProvider.PostgreSql)]
    public void Scripts_EmbeddedResources_AreNumberedOneToNWithoutRepeatsAndReturnedInOrder(string prefix, DatabaseProvider provider)
    {
        // Read the resources themselves: Migrator.Scripts() sorts and de-duplicates, so checking its output alone
        // could not catch a repeated number or a gap. Everything under Migrations/ counts, not only *.sql, so a
        // script the migrator would silently skip (say 0007_Foo.SQL) fails here too.
        var resources = typeof(Db).Assembly.GetManifestResourceNames()
            .Where(r => r.StartsWith(prefix, StringComparison.Ordinal))
            .Select(r => r[prefix.Length..])
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(resources);
        Assert.All(resources, r => Assert.Matches(ScriptFileName, r));
        var scripts = resources.Select(ParseScriptFileName).ToList();
        var numbers = scripts.Select(s => s.Number).ToList();
        Assert.Empty(numbers.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Equal(1, numbers.Min());
        Assert.Equal(Enumerable.Range(1, numbers.Count), numbers.Order());
        Assert.Equal(
            scripts.OrderBy(s => s.Number).Select(s => (s.Number, s.Name)),
            Migrator.Scripts(provider).Select(s => (s.Version, s.Name)));
    }

    [Fact]
    public void Schema_RejectsOutOfRangeScoreAndBadVerdict()
    {
        using var temp = new TempDirectory();
        var db = new Db(temp.ConnectionString);
        new Migrator(db).Migrate();
        using var connection = db.Open();
        connection.Execute("INSERT INTO Critic (Slug, Name, Label, UpdatedAt) VALUES ('c', 'C', 'C', '2026-01-01')");
        connection.Execute("INSERT INTO Category (Slug, Name) VALUES ('x', 'X')");
        connection.Execute("""
            INSERT INTO Tool (Slug, Name, Tagline, CategoryId, PricingEntry, PricingSummary, CreatedAt, UpdatedAt)
            VALUES ('t', 'T', 'T', 1, 'free', 'Free', '2026-01-01', '2026-01-01')
            """);

        Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => connection.Execute(
            "INSERT INTO Review (ToolId, CriticId, Score, Verdict, Quote, UpdatedAt) VALUES (1, 1, 101, 'ship', 'q', '2026-01-01')"));
        Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => connection.Execute(
            "INSERT INTO Review (ToolId, CriticId, Score, Verdict, Quote, UpdatedAt) VALUES (1, 1, 50, 'maybe', 'q', '2026-01-01')"));
        Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => connection.Execute(
            "INSERT INTO Review (ToolId, CriticId, Score, Verdict, Quote, UpdatedAt) VALUES (1, 99, 50, 'ship', 'q', '2026-01-01')"));
    }

    /// <summary><c>0003_Votes.sql</c> → (3, "0003_Votes"), the version and name the migrator journals.</summary>
    private static (int Number, string Name) ParseScriptFileName(string fileName) =>
        (int.Parse(ScriptFileName.Match(fileName).Groups["number"].Value, CultureInfo.InvariantCulture), fileName[..^".sql".Length]);
}
