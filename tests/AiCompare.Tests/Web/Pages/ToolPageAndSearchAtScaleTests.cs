using System.Text.RegularExpressions;
using AiCompare.Data;
using AiCompare.Tests.Support;
using AiCompare.Web.Pages.Search;
using Dapper;
using Microsoft.Data.Sqlite;

namespace AiCompare.Tests.Web.Pages;

/// <summary>
/// A tool page and a search over a generated catalog: their statements read indexes and count tables
/// (never a whole category, never a sort of every match), and what the pages show stays right.
/// </summary>
public sealed partial class ToolPageAndSearchAtScaleTests(GeneratedCatalogSite site) : IClassFixture<GeneratedCatalogSite>
{
    [SqliteSuiteFact]
    public void ToolPageStatements_ReadTheNameIndexAndCategoryCount_NoScanOrSort()
    {
        using var connection = site.Open();
        var slug = ToolIn(connection, site.LargestCategory());

        var same = Plan(connection, CatalogRepository.SameCategorySql, new { Slug = slug, Limit = CatalogRepository.SameCategoryLimit });
        Assert.Contains(same, p => p.Contains("IX_Tool_CategoryId_NameNoCase", StringComparison.Ordinal));
        Assert.DoesNotContain(same, p => ScanOfTool().IsMatch(p));
        Assert.DoesNotContain(same, p => p.Contains("TEMP B-TREE", StringComparison.Ordinal));

        var count = Plan(connection, CatalogRepository.SameCategoryCountSql, new { Slug = slug });
        Assert.Contains(count, p => p.Contains("SEARCH n", StringComparison.Ordinal));
        // Tool is read once, by its slug, to find the category: never by category.
        Assert.All(count.Where(p => p.Contains("Tool", StringComparison.Ordinal)), p => Assert.Contains("(Slug=?)", p, StringComparison.Ordinal));
        Assert.DoesNotContain(count, p => ScanOfTool().IsMatch(p));
    }

    [SqliteSuiteFact]
    public void SearchStatements_LetFts5RankAWindowOfEachTier_AndHighlightInOneScan_NoSortOutsideIt()
    {
        using var connection = site.Open();

        var whole = Plan(connection, SearchRepository.SearchSql, new { Match = "\"synthetic\"*", Window = SearchRepository.RankWindow, Limit = IndexModel.Limit });
        var tiers = SearchRepository.Tiers("\"synthetic\"*").Select(tier =>
            Plan(connection, SearchRepository.TierSql, new { Tier = tier, Window = SearchRepository.RankWindow, Limit = IndexModel.Limit }));
        foreach (var rank in tiers.Prepend(whole))
        {
            // FTS5 sorts by rank itself (no sort outside it) and is given the rowid floor: the ">" in its index string.
            Assert.Contains(rank, p => p.StartsWith("SCAN s VIRTUAL TABLE", StringComparison.Ordinal) && p.Contains('>', StringComparison.Ordinal));
            Assert.Contains(rank, p => p.Contains("MATERIALIZE Floor", StringComparison.Ordinal)); // the floor is found once, by a walk without scoring
            Assert.DoesNotContain(rank, p => ScanOfTool().IsMatch(p));
            Assert.DoesNotContain(rank, p => p.Contains("TEMP B-TREE", StringComparison.Ordinal));
        }

        var hits = Plan(connection, SearchRepository.HitsSql, new { Match = "\"synthetic\"*", First = 1L, Last = 9L, Ids = new[] { 1L, 5L, 9L } });
        // One FTS5 scan over a rowid range ("><"), not one query per chosen id ("="), which would rebuild a prefix's doclist each time.
        Assert.Contains(hits, p => p.StartsWith("SCAN s VIRTUAL TABLE", StringComparison.Ordinal) && p.Contains("><", StringComparison.Ordinal) && !p.Contains('=', StringComparison.Ordinal));
        Assert.DoesNotContain(hits, p => ScanOfTool().IsMatch(p));
    }

    [Fact]
    public async Task ToolPage_SameCategoryListAndCount_FollowAddingAndUnpublishing()
    {
        var category = site.LargestCategory();
        string slug;
        int others;
        using (var connection = site.Open())
        {
            slug = ToolIn(connection, category);
            others = connection.ExecuteScalar<int>("""
                SELECT COUNT(*) FROM Tool WHERE IsPublished = 1 AND Slug <> @Slug AND CategoryId = (SELECT Id FROM Category WHERE Slug = @Category)
                """, new { Slug = slug, Category = category });
        }
        Assert.True(others > CatalogRepository.SameCategoryLimit, "the category fits the list: the catalog is too small for this test");
        var client = site.Client();

        var before = await client.GetDocumentAsync($"/tools/{slug}");
        Assert.Equal(CatalogRepository.SameCategoryLimit, before.QuerySelectorAll("[data-test=compare-with] li").Length);
        Assert.Equal(others - CatalogRepository.SameCategoryLimit, More(before));

        // A name that sorts before every generated one, whatever its case.
        site.AddTool(category, "aaa-first-added", "ship", 70);
        var added = await client.GetDocumentAsync($"/tools/{slug}");
        var links = added.QuerySelectorAll("[data-test=compare-with] li a");
        Assert.Equal(CatalogRepository.SameCategoryLimit, links.Length);
        Assert.Contains("aaa-first-added", links[0].GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal(others + 1 - CatalogRepository.SameCategoryLimit, More(added));

        using (var connection = site.Open())
        {
            connection.Execute("UPDATE Tool SET IsPublished = 0 WHERE Slug = 'aaa-first-added'");
        }
        var unpublished = await client.GetDocumentAsync($"/tools/{slug}");
        Assert.DoesNotContain(unpublished.QuerySelectorAll("[data-test=compare-with] li a"), a => a.GetAttribute("href")!.Contains("aaa-first-added", StringComparison.Ordinal));
        Assert.Equal(others - CatalogRepository.SameCategoryLimit, More(unpublished));
    }

    [Fact]
    public async Task Search_ForAWordInEveryTool_ListsOnePageOfBestMatches_AndStaysSmall()
    {
        using var response = await site.Client().GetAsync("/search?q=synthetic");
        var html = await response.Content.ReadAsStringAsync();

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
        Assert.True(html.Length < 100_000, $"{html.Length} characters");
        var doc = Html.Parse(html);
        Assert.Equal(IndexModel.Limit, doc.QuerySelectorAll("[data-test=search-results] > li").Length);
        Assert.Contains("best matches", doc.One("[data-test=search-count]").Text(), StringComparison.Ordinal);
        Assert.All(doc.QuerySelectorAll("[data-test=search-results] .snippet"), p => Assert.NotNull(p.QuerySelector("mark")));
    }

    [SqliteSuiteFact]
    public void DidYouMeanStatement_ReadsTheSlugIndexInOrder_NoScanOrSort()
    {
        using var connection = site.Open();

        var plan = Plan(connection, SearchRepository.ClosestSql, new { From = "swi", To = "swi\uffff", Limit = SearchRepository.ClosestPerKey });

        Assert.Contains(plan, p => p.StartsWith("SEARCH t USING INDEX", StringComparison.Ordinal) && p.Contains("(Slug>? AND Slug<?)", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, p => ScanOfTool().IsMatch(p));
        Assert.DoesNotContain(plan, p => p.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_TypoOnALargeCatalog_SuggestsCloseNames()
    {
        var doc = await site.Client().GetDocumentAsync("/search?q=swfit");

        var names = doc.QuerySelectorAll("[data-test=did-you-mean] a").Select(a => a.Text()).ToList();
        Assert.InRange(names.Count, 1, IndexModel.SuggestionLimit);
        Assert.All(names, n => Assert.StartsWith("Swift ", n, StringComparison.Ordinal));
    }

    private static string ToolIn(System.Data.Common.DbConnection connection, string category) => connection.ExecuteScalar<string>("""
        SELECT t.Slug FROM Tool t JOIN Category c ON c.Id = t.CategoryId
        WHERE c.Slug = @Category AND t.IsPublished = 1 ORDER BY t.Id LIMIT 1
        """, new { Category = category })!;

    // The "And N more … tools" line under the list.
    private static int More(AngleSharp.Dom.IDocument doc)
    {
        var line = doc.QuerySelectorAll("section[aria-labelledby=compare-with] p.muted").Select(p => p.Text()).Single(t => t.StartsWith("And ", StringComparison.Ordinal));
        return int.Parse(MoreCount().Match(line).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<string> Plan(System.Data.Common.DbConnection connection, string sql, object parameters) =>
        connection.Query<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, parameters).Select(r => r.Detail).ToList();

    [GeneratedRegex(@"^SCAN (t|Tool)\b")]
    private static partial Regex ScanOfTool();

    [GeneratedRegex(@"^And (\d+) more")]
    private static partial Regex MoreCount();
}
