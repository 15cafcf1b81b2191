using AiCompare.Data;
using AiCompare.Tests.Support;
using AiCompare.Web.Pages.Compare;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace AiCompare.Tests.Web.Pages.Compare;

/// <summary>
/// The read model may hold fewer tools than the catalog (<c>Catalog:CachedTools</c>, lowered on a host
/// short of memory): a tool it dropped is loaded again and its pages render as they did.
/// </summary>
public sealed class ReadModelBoundTests : IDisposable
{
    private const int Capacity = 100;
    private readonly SiteFactory _site = SiteFactory.WithSettings(new Dictionary<string, string>
    {
        ["Catalog:CachedTools"] = Capacity.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Catalog:WarmOnStart"] = "false",
        ["Caching:Pages"] = "false",
    });

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task ToolDroppedFromAFullReadModel_IsLoadedAgain_AndItsPageIsTheSame()
    {
        new CatalogGenerator(_site.Services.GetRequiredService<Db>()).Generate(1_300, seed: 7);
        var model = _site.Services.GetRequiredService<ToolReadModel>();
        model.Clear();
        List<string> slugs;
        using (var connection = SuiteDatabase.Open(_site.ConnectionString))
            slugs = (await connection.QueryAsync<string>("SELECT Slug FROM Tool WHERE IsPublished = 1 ORDER BY Id")).ToList();
        var (a, b) = string.CompareOrdinal(slugs[0], slugs[1]) < 0 ? (slugs[0], slugs[1]) : (slugs[1], slugs[0]);
        var client = _site.Client();
        var page = $"/compare/{a}-vs-{b}";

        var first = await client.GetStringAsync(page);
        Assert.True(model.Holds(a));

        // Every other tool read once: a full read model drops the least recently used in the
        // background, the first pair's tools among them.
        foreach (var chunk in slugs.Skip(2).Chunk(200)) await model.GetToolsAsync(chunk);
        for (var wait = 0; wait < 200 && model.Holds(a); wait++) await Task.Delay(25);
        Assert.False(model.Holds(a));

        var again = await client.GetStringAsync(page);
        Assert.Equal(RenderTime.Without(first), RenderTime.Without(again));
        // Stored again once there is room: a store into a cache still over its bound is refused while the
        // background compaction runs (on a busy machine it may not have finished), so the page is asked for
        // until its tool is kept, and it stays the same page throughout.
        for (var wait = 0; wait < 200 && !model.Holds(a); wait++)
        {
            await Task.Delay(25);
            Assert.Equal(RenderTime.Without(first), RenderTime.Without(await client.GetStringAsync(page)));
        }
        Assert.True(model.Holds(a));
    }
}
