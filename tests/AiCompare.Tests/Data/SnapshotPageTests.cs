using AiCompare.Data;
using AiCompare.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace AiCompare.Tests.Data;

/// <summary>
/// The read model's warm-up reads the catalog a page of tools at a time, with each page's reviews and
/// tallies read as a range of tool ids: the pages must hold exactly what loading each tool gives.
/// </summary>
public sealed class SnapshotPageTests : IDisposable
{
    private readonly SiteFactory _site = SiteFactory.WithSettings(new Dictionary<string, string> { ["Catalog:WarmOnStart"] = "false" });

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task Pages_HoldWhatLoadingEachToolGives_AndLeaveAnUnpublishedToolOut()
    {
        _ = _site.Server;
        var catalog = _site.Services.GetRequiredService<CatalogRepository>();
        List<(long Id, string Slug)> tools;
        using (var database = SuiteDatabase.Open(_site.ConnectionString))
        {
            tools = database.Query<(long Id, string Slug)>("SELECT Id, Slug FROM Tool WHERE IsPublished = 1 ORDER BY Id").ToList();
            Assert.True(tools.Count >= 5, "the seeded catalog has enough tools for several pages");
            // An unpublished tool with reviews and a tally, inside a page's range of ids; tallies on both sides of it.
            var hidden = tools[tools.Count / 2];
            Assert.NotEqual(0, database.ExecuteScalar<long>("SELECT count(*) FROM Review WHERE ToolId = @Id", new { hidden.Id }));
            database.Execute("UPDATE Tool SET IsPublished = 0 WHERE Id = @Id", new { hidden.Id });
            database.Execute("INSERT INTO VoteTally (ToolId, Ships, Skips) VALUES (@A, 3, 1), (@Hidden, 7, 7), (@B, 2, 5)",
                new { A = tools[tools.Count / 2 - 1].Id, Hidden = hidden.Id, B = tools[tools.Count / 2 + 1].Id });
            tools.Remove(hidden);
        }

        var paged = new List<ToolSnapshot>();
        for (var after = 0L; ;)
        {
            var page = await catalog.LoadSnapshotPageAsync(after, 2);
            if (page.Count == 0) break;
            Assert.True(page.Count <= 2);
            paged.AddRange(page);
            after = page[^1].Tool.Id;
        }
        var each = (await catalog.LoadSnapshotsAsync(tools.Select(t => t.Slug).ToList())).OrderBy(s => s.Tool.Id).ToList();

        Assert.Equal(tools.Select(t => t.Id), paged.Select(s => s.Tool.Id));
        Assert.Equal(each.Select(Describe), paged.Select(Describe));
        Assert.Contains(paged, s => s.Community.Ships == 3 && s.Community.Skips == 1);
        Assert.Contains(paged, s => s.Community.Ships == 2 && s.Community.Skips == 5);
        Assert.DoesNotContain(paged, s => s.Community.Ships == 7);
    }

    private static string Describe(ToolSnapshot snapshot) =>
        $"{snapshot.Tool.Id} {snapshot.Tool.Slug} {snapshot.Community.Ships}/{snapshot.Community.Skips} "
        + string.Join(" | ", snapshot.Reviews.OrderBy(r => r.CriticSlug, StringComparer.Ordinal).Select(r => $"{r.ToolId} {r.CriticSlug} {r.Score} {r.Verdict} {r.Quote}"));
}
