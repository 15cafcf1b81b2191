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
}
