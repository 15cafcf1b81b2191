using AiCompare.Data;
using AiCompare.Tests.Support;
using Dapper;

namespace AiCompare.Tests.Data;

public sealed class CatalogGeneratorTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Generate_AddsToolsWithFourReviewsAndTalliesAndIsRepeatable()
    {
        var db = new Db(SuiteDatabase.NewConnectionString(_temp));
        new Migrator(db).Migrate();
        var progress = new List<int>();

        var added = new CatalogGenerator(db).Generate(2_500, seed: 7, progress.Add);
        var again = new CatalogGenerator(db).Generate(2_500, seed: 7);

        Assert.Equal(2_500, added);
        Assert.Equal(0, again);
        Assert.Equal([1_000, 2_000, 2_500], progress);
        using var connection = db.Open();
        Assert.Equal(2_500, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM Tool"));
        Assert.Equal(10_000, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM Review"));
        Assert.Equal(2_500, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM VoteTally"));
        Assert.Equal(2_500, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM ToolSearch"));
        Assert.True(connection.ExecuteScalar<int>("SELECT COUNT(DISTINCT CategoryId) FROM Tool") >= 15);
    }

    [Fact]
    public async Task GeneratedCatalog_PagesRender()
    {
        var connectionString = SuiteDatabase.NewConnectionString(_temp);
        var db = new Db(connectionString);
        new Migrator(db).Migrate();
        new CatalogGenerator(db).Generate(300, seed: 1);
        string a, b;
        using (var connection = db.Open())
        {
            var pair = connection.Query<string>("SELECT Slug FROM Tool ORDER BY Slug LIMIT 2").ToList();
            (a, b) = (pair[0], pair[1]);
        }
        using var site = SiteFactory.OnDatabase(connectionString);

        var doc = await site.Client().GetDocumentAsync($"/compare/{a}-vs-{b}");

        Assert.Equal(4, doc.QuerySelectorAll("[data-test=scorecard] tbody tr").Length);
        Assert.Equal(2, doc.QuerySelectorAll("[data-test=hero]").Length);
    }
}
