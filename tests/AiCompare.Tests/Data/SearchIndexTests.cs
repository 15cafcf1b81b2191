using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Tests.Support;
using Dapper;

namespace AiCompare.Tests.Data;

/// <summary>The FTS index follows every write to Tool, whoever makes it.</summary>
public sealed class SearchIndexTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Index_FollowsRenamesAndUnpublishing()
    {
        var db = new Db(_temp.ConnectionString);
        new Migrator(db).Migrate();
        new ContentImporter(db, new Markdown()).Import(TestPaths.Content);
        var search = new SearchRepository(db);
        Assert.Single(await search.SearchAsync(SearchQuery.Match("mercury")!, 10));

        using (var connection = db.Open())
            connection.Execute("UPDATE Tool SET Name = 'Quicksilver Edit' WHERE Slug = 'mercury-edit-2'");

        Assert.Equal("Quicksilver Edit", (await search.SearchAsync(SearchQuery.Match("mercury")!, 10)).Single().NameMarked); // still in its description
        Assert.Equal("mercury-edit-2", (await search.SearchAsync(SearchQuery.Match("quicksilver")!, 10)).Single().Slug);

        using (var connection = db.Open())
            connection.Execute("UPDATE Tool SET IsPublished = 0 WHERE Slug = 'mercury-edit-2'");
        Assert.Empty(await search.SearchAsync(SearchQuery.Match("quicksilver")!, 10));
    }

    [Fact]
    public void Index_HoldsPublishedToolsOnly_AndTakesThemInAndOutAsTheyArePublished()
    {
        var db = new Db(_temp.ConnectionString);
        new Migrator(db).Migrate();
        new ContentImporter(db, new Markdown()).Import(TestPaths.Content);
        using var connection = db.Open();
        int Indexed(string slug) => connection.ExecuteScalar<int>(
            "SELECT COUNT(*) FROM ToolSearch s JOIN Tool t ON t.Id = s.rowid WHERE t.Slug = @slug", new { slug });

        connection.Execute("UPDATE Tool SET IsPublished = 0 WHERE Slug = 'mercury-edit-2'");
        Assert.Equal(0, Indexed("mercury-edit-2"));
        // Edited while unpublished: still out.
        connection.Execute("UPDATE Tool SET Tagline = 'Quicksilver' WHERE Slug = 'mercury-edit-2'");
        Assert.Equal(0, Indexed("mercury-edit-2"));

        connection.Execute("UPDATE Tool SET IsPublished = 1 WHERE Slug = 'mercury-edit-2'");
        Assert.Equal(1, Indexed("mercury-edit-2"));
        Assert.Equal(1, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM ToolSearch WHERE ToolSearch MATCH 'quicksilver'"));
        Assert.Equal(
            connection.ExecuteScalar<int>("SELECT COUNT(*) FROM Tool WHERE IsPublished = 1"),
            connection.ExecuteScalar<int>("SELECT COUNT(*) FROM ToolSearch"));
    }

    [Fact]
    public async Task NewestMatchesUnpublished_MoreThanTheRankWindow_PublishedMatchesAreStillFound()
    {
        var db = new Db(_temp.ConnectionString);
        new Migrator(db).Migrate();
        new CatalogGenerator(db).Generate(1_000, seed: 5);
        using (var connection = db.Open())
        {
            // Every tool matches "synthetic"; the newest ones, more than ranking looks at, become unpublished.
            connection.Execute("UPDATE Tool SET IsPublished = 0 WHERE Id IN (SELECT Id FROM Tool ORDER BY Id DESC LIMIT @Count)", new { Count = SearchRepository.RankWindow + 50 });
        }

        var hits = await new SearchRepository(db).SearchAsync(SearchQuery.Match("synthetic")!, 50);

        Assert.Equal(50, hits.Count);
        using var check = db.Open();
        Assert.All(hits, h => Assert.Equal(1, check.ExecuteScalar<int>("SELECT IsPublished FROM Tool WHERE Slug = @Slug", new { h.Slug })));
    }
}
