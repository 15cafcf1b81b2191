using System.Text.RegularExpressions;
using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Tests.Support;
using Dapper;
using Microsoft.Data.Sqlite;

namespace AiCompare.Tests.Data;

/// <summary>
/// The stored counts (CategoryCount, CriticCategoryCount) and list keys (Tool.PanelRank, Review's copies
/// of its tool's category and state) that migration 0012's triggers keep equal a recount after every
/// kind of write; and the list and count statements read indexes and count tables, never a scan.
/// </summary>
public sealed partial class ListAggregateTests : IDisposable
{
    private readonly AdminSite _site = new();
    private readonly long _adminId;

    public ListAggregateTests()
    {
        _adminId = _site.Service<EditorRepository>().FindByEmailAsync(AdminSite.AdminEmail).GetAwaiter().GetResult()!.Id;
    }

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task Aggregates_EqualARecount_AfterEveryKindOfWrite()
    {
        var tools = _site.Service<ToolAdminRepository>();
        AssertEqualsRecount("seeded by the import");

        var created = await tools.CreateAsync(Tool("brush-bot", "Brush Bot", "Image Tools", [Review("builder", 80, ReviewVerdict.Ship), Review("skeptic", 30, ReviewVerdict.Skip)]), _adminId);
        Assert.Equal(SaveOutcome.Saved, created.Outcome);
        AssertEqualsRecount("a tool added in a new category");

        var brush = await EditDataAsync("brush-bot");
        Assert.Equal(SaveOutcome.Saved, await tools.UpdateAsync(brush.Id, brush.Version, Content(brush) with { Category = "Developer Tools" }, _adminId));
        AssertEqualsRecount("its category edited");

        brush = await EditDataAsync("brush-bot");
        Assert.Equal(SaveOutcome.Saved, await tools.SetPublishedAsync(brush.Id, brush.Version, published: false, _adminId));
        AssertEqualsRecount("unpublished");

        brush = await EditDataAsync("brush-bot");
        Assert.Equal(SaveOutcome.Saved, await tools.SaveReviewsAsync(brush.Id, brush.Version, [Review("founder", 90, ReviewVerdict.Ship)], _adminId));
        AssertEqualsRecount("reviews replaced while unpublished");

        brush = await EditDataAsync("brush-bot");
        Assert.Equal(SaveOutcome.Saved, await tools.SetPublishedAsync(brush.Id, brush.Version, published: true, _adminId));
        AssertEqualsRecount("published again");

        brush = await EditDataAsync("brush-bot");
        Assert.Equal(SaveOutcome.Saved, await tools.SaveReviewsAsync(brush.Id, brush.Version,
            [Review("founder", 40, ReviewVerdict.Skip), Review("builder", 70, ReviewVerdict.Ship), Review("futurist", 65, ReviewVerdict.Ship)], _adminId));
        AssertEqualsRecount("reviews added, edited and removed");

        using (var connection = Open())
        {
            connection.Execute("UPDATE Tool SET ContentHash = NULL WHERE Slug = 'smolvlm2-2b'");
        }
        var imported = _site.Service<ContentImporter>().Import(TestPaths.Content);
        Assert.True(imported.Succeeded);
        AssertEqualsRecount("an import");

        Assert.Equal(40, new CatalogGenerator(_site.Service<Db>()).Generate(40, seed: 3));
        AssertEqualsRecount("a generated catalog");

        // No page deletes a tool or edits a review row in place yet; the triggers cover both for whatever does.
        using (var connection = Open())
        {
            connection.Execute("UPDATE Review SET Verdict = 'skip', Score = 10 WHERE Id = (SELECT MIN(Id) FROM Review)");
            AssertEqualsRecount("a review edited in place");
            connection.Execute("UPDATE Review SET ToolId = (SELECT Id FROM Tool WHERE Slug = 'brush-bot') WHERE Id = (SELECT MIN(r.Id) FROM Review r WHERE r.ToolId <> (SELECT Id FROM Tool WHERE Slug = 'brush-bot') AND r.CriticId = (SELECT Id FROM Critic WHERE Slug = 'skeptic'))");
            AssertEqualsRecount("a review moved to another tool");
            connection.Execute("DELETE FROM Review WHERE Id = (SELECT MAX(Id) FROM Review)");
            AssertEqualsRecount("a review deleted");
            connection.Execute("DELETE FROM Tool WHERE Slug = 'brush-bot'");
            AssertEqualsRecount("a tool deleted with its reviews");
        }
    }

    [Fact]
    public void Migration_BackfillsTheCountsOfADatabaseMadeBeforeIt()
    {
        using var temp = new TempDirectory();
        var db = new Db(temp.ConnectionString);
        using (var connection = db.Open())
        {
            // The schema as it was before migration 0012, journaled as the migrator would have.
            connection.Execute("CREATE TABLE SchemaMigrations (Version INTEGER NOT NULL PRIMARY KEY, Name TEXT NOT NULL, AppliedAt TEXT NOT NULL)");
            foreach (var script in Migrator.Scripts().Where(s => s.Version < 12))
            {
                connection.Execute(script.Sql);
                connection.Execute("INSERT INTO SchemaMigrations VALUES (@Version, @Name, '2026-01-01')", new { script.Version, script.Name });
            }
        }
        new CatalogGenerator(db).Generate(300, seed: 5);
        using (var connection = db.Open())
        {
            connection.Execute("UPDATE Tool SET IsPublished = 0 WHERE Id % 7 = 0");
        }

        Assert.Contains(new Migrator(db).Migrate(), n => n.StartsWith("0012", StringComparison.Ordinal) || n.Contains("ListAggregates", StringComparison.Ordinal));

        using var check = db.Open();
        Assert.Equal(300 - 300 / 7, check.ExecuteScalar<int>("SELECT SUM(Tools) FROM CategoryCount"));
        ListRecount.AssertEqualsRecount(check, "after the backfill");
    }

    [SqliteSuiteFact]
    public void ListStatements_SeekAnIndex_AndNeverScanOrSortToolOrReview()
    {
        new CatalogGenerator(_site.Service<Db>()).Generate(200, seed: 9);
        using var connection = Open();

        foreach (var (name, sql) in ListingRepository.PagedStatements())
        {
            var plan = Plan(connection, sql);
            Assert.True(plan.Any(p => p.Contains("USING COVERING INDEX IX_", StringComparison.Ordinal) || p.Contains("USING INDEX IX_", StringComparison.Ordinal)),
                $"{name} uses no list index:\n{string.Join('\n', plan)}");
            Assert.DoesNotContain(plan, p => ScanOfToolOrReview().IsMatch(p));
            Assert.DoesNotContain(plan, p => p.Contains("TEMP B-TREE", StringComparison.Ordinal));
        }
    }

    [SqliteSuiteFact]
    public void CountStatements_ReadTheCountTables_NotToolOrReview()
    {
        using var connection = Open();

        foreach (var sql in new[] { DiscoveryRepository.CriticsSql, DiscoveryRepository.CategoriesSql })
        {
            var plan = Plan(connection, sql);
            Assert.Contains(plan, p => p.Contains("CategoryCount", StringComparison.Ordinal) || p.Contains(" n ", StringComparison.Ordinal) || p.EndsWith(" n", StringComparison.Ordinal));
            Assert.DoesNotContain(plan, p => p.Contains("Tool", StringComparison.Ordinal) || p.Contains("Review", StringComparison.Ordinal) || ScanOfToolOrReview().IsMatch(p));
        }
    }

    private static List<string> Plan(System.Data.Common.DbConnection connection, string sql)
    {
        var parameters = new { CriticId = 1L, CategoryId = 1L, Key = 5L, Id = 3L, Take = 51, Size = 50 };
        return connection.Query<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, parameters).Select(r => r.Detail).ToList();
    }

    [GeneratedRegex(@"^SCAN (t|r|Tool|Review)\b")]
    private static partial Regex ScanOfToolOrReview();

    private void AssertEqualsRecount(string after)
    {
        using var connection = Open();
        ListRecount.AssertEqualsRecount(connection, after);
    }

    private System.Data.Common.DbConnection Open()
    {
        var connection = SuiteDatabase.Open(_site.Factory.ConnectionString);
        return connection;
    }

    private async Task<ToolEditData> EditDataAsync(string slug)
    {
        using var connection = Open();
        var id = await connection.ExecuteScalarAsync<long>("SELECT Id FROM Tool WHERE Slug = @Slug", new { Slug = slug });
        return (await _site.Service<ToolAdminRepository>().GetAsync(id))!;
    }

    private static ReviewContent Review(string critic, int score, ReviewVerdict verdict) => new(critic, score, verdict, "A quote for tests.");

    private static ToolContent Content(ToolEditData t) => new(
        t.Slug, t.Name, t.Tagline, t.Category, t.Vendor, t.Website, t.Reviewed, t.BestFor,
        new Pricing(t.Entry, t.PricingSummary, t.InputPerMTok, t.OutputPerMTok), t.Reviews, t.Description, t.IsPublished);

    private static ToolContent Tool(string slug, string name, string category, IReadOnlyList<ReviewContent> reviews) => new(
        slug, name, "Paints pixels", category, "Acme", null, new DateOnly(2026, 5, 1), null,
        new Pricing(PricingEntry.Free, "Free", null, null), reviews, "A tool for tests.");
}
