using AiCompare.Data;
using AiCompare.Tests.Support;
using Dapper;

namespace AiCompare.Tests.Data;

public sealed class MigrationTests
{
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

    [Fact]
    public void Scripts_AreNumberedUniquelyAndInOrder()
    {
        var versions = Migrator.Scripts().Select(s => s.Version).ToList();

        Assert.NotEmpty(versions);
        Assert.Equal(versions.Order(), versions);
        Assert.Equal(versions.Count, versions.Distinct().Count());
        Assert.Equal(1, versions[0]);
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
}
