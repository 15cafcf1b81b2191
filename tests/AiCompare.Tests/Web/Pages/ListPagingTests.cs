using System.Net;
using AiCompare.Tests.Support;
using AngleSharp.Dom;
using Dapper;

namespace AiCompare.Tests.Web.Pages;

/// <summary>
/// The long lists (a critic's verdicts, a category's ranking) over a generated catalog: keyset pages
/// with rel=prev/next, the page number in the title, helpful answers to bad cursors, small pages.
/// </summary>
public sealed class ListPagingTests(GeneratedCatalogSite site) : IClassFixture<GeneratedCatalogSite>
{
    [Fact]
    public async Task CriticPages_FirstMiddleAndLast_CarryTheRightPrevNextLinksAndPageNumber()
    {
        var client = site.Client();

        var first = await client.GetDocumentAsync("/critics/builder");
        Assert.Null(first.QuerySelector("link[rel=prev]"));
        Assert.DoesNotContain("page", first.Title, StringComparison.Ordinal);
        Assert.Equal(50, first.QuerySelectorAll("[data-test=critic-verdict]").Length);
        var next = Href(first, "link[rel=next]");
        Assert.Equal(next, first.One("[data-test=pager-next]").GetAttribute("href"));
        Assert.StartsWith("/critics/builder?after=", next, StringComparison.Ordinal);

        var middle = await client.GetDocumentAsync(next);
        Assert.Contains("— page 2 |", middle.Title, StringComparison.Ordinal);
        Assert.Equal("The Builder — page 2", middle.One("h1").Text());
        Assert.Equal("/critics/builder", Href(middle, "link[rel=prev]"));
        Assert.Equal("/critics/builder", middle.One("[data-test=pager-previous]").GetAttribute("href"));
        var third = await client.GetDocumentAsync(Href(middle, "link[rel=next]"));
        Assert.Contains("— page 3 |", third.Title, StringComparison.Ordinal);
        Assert.Equal(next, Href(third, "link[rel=prev]"));

        // The last page of one category's verdicts: a way back, none forward.
        var category = site.LargestCategory();
        var url = $"/critics/builder?category={category}";
        IDocument page;
        var pages = 0;
        do
        {
            page = await client.GetDocumentAsync(url);
            pages++;
            Assert.All(page.QuerySelectorAll("[data-test=critic-verdict] h4 a"), a => Assert.StartsWith("/tools/", a.GetAttribute("href"), StringComparison.Ordinal));
            url = page.QuerySelector("link[rel=next]")?.GetAttribute("href")!;
            if (url is not null) Assert.Contains("category=" + category, url, StringComparison.Ordinal);
        }
        while (url is not null && pages < 20);
        Assert.True(pages >= 2, "the category's verdicts fit one page: the catalog is too small for this test");
        Assert.NotNull(page.QuerySelector("link[rel=prev]"));
        Assert.Null(page.QuerySelector("[data-test=pager-next]"));
        Assert.Contains($"— page {pages} |", page.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CategoryPages_RankAcrossPages_WithRunningPositionsAndPageNumber()
    {
        var client = site.Client();
        var category = site.LargestCategory();

        var first = await client.GetDocumentAsync($"/categories/{category}");
        var second = await client.GetDocumentAsync(Href(first, "link[rel=next]"));

        Assert.Null(first.QuerySelector("link[rel=prev]"));
        Assert.Equal("1", first.One("[data-test=ranked-tool] td").Text());
        Assert.Equal("51", second.One("[data-test=ranked-tool] td").Text());
        Assert.Equal($"/categories/{category}", Href(second, "link[rel=prev]"));
        Assert.Contains("— page 2 |", second.Title, StringComparison.Ordinal);
        Assert.EndsWith("— page 2", second.One("h1").Text(), StringComparison.Ordinal);
        using var connection = site.Open();
        var expected = connection.Query<string>("""
            SELECT '/tools/' || t.Slug FROM Tool t JOIN Category c ON c.Id = t.CategoryId
            WHERE c.Slug = @Category AND t.IsPublished = 1 ORDER BY t.PanelRank, t.Id LIMIT 100
            """, new { Category = category }).ToList();
        Assert.Equal(expected, Tools(first).Concat(Tools(second)).Take(100));
    }

    [Theory]
    [InlineData("/critics/builder?after=abc")]
    [InlineData("/critics/builder?after=12")]
    [InlineData("/critics/builder?after=-1-5")]
    [InlineData("/critics/builder?after=1-2-3")]
    [InlineData("/critics/builder?after=99999999999999999999999-1")]
    [InlineData("/critics/builder?after=%3Cscript%3E")]
    [InlineData("/categories/{category}?after=1.5-2")]
    [InlineData("/categories/{category}?after=%00")]
    public async Task BadCursor_Is400_WithTheFirstPageAndAWayBack(string url)
    {
        url = url.Replace("{category}", site.LargestCategory(), StringComparison.Ordinal);

        var doc = await site.Client().GetDocumentAsync(url, expectedStatus: 400);

        Assert.Contains("first page", doc.One("[data-test=list-problem]").Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", doc.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.NotEmpty(doc.QuerySelectorAll("[data-test=critic-verdict], [data-test=ranked-tool]"));
    }

    [Theory]
    [InlineData("/critics/builder?after=0-0")]
    [InlineData("/categories/{category}?after=999999999999999-0")]
    public async Task CursorPastTheEnd_Is404_WithAWayBack(string url)
    {
        url = url.Replace("{category}", site.LargestCategory(), StringComparison.Ordinal);

        var doc = await site.Client().GetDocumentAsync(url, expectedStatus: 404);

        Assert.Contains("no more", doc.One("[data-test=list-problem]").Text(), StringComparison.Ordinal);
        Assert.NotNull(doc.QuerySelector("link[rel=prev]"));
    }

    [Fact]
    public async Task EveryListPage_OnAGeneratedCatalog_IsAtMost100KB()
    {
        var category = site.LargestCategory();
        var client = site.Client();
        var first = await client.GetDocumentAsync("/critics/builder");
        var firstCategory = await client.GetDocumentAsync($"/categories/{category}");
        string[] urls =
        [
            "/", "/critics", "/categories", "/api/v1/critics",
            "/critics/builder", Href(first, "link[rel=next]"), $"/critics/builder?category={category}",
            $"/categories/{category}", Href(firstCategory, "link[rel=next]"),
        ];

        foreach (var url in urls)
        {
            using var response = await client.GetAsync(url);
            var bytes = (await response.Content.ReadAsByteArrayAsync()).Length;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(bytes <= 100 * 1024, $"{url} is {bytes} bytes");
        }
    }

    [Fact]
    public async Task Counts_OnAGeneratedCatalog_AreTheStoredOnes()
    {
        var doc = await site.Client().GetDocumentAsync("/critics");
        using var connection = site.Open();
        var builder = connection.ExecuteScalar<int>("""
            SELECT COUNT(*) FROM Review r JOIN Tool t ON t.Id = r.ToolId JOIN Critic k ON k.Id = r.CriticId
            WHERE k.Slug = 'builder' AND t.IsPublished = 1
            """);

        var line = doc.QuerySelectorAll("[data-test=critics] .card").Single(c => c.One("h2 a").GetAttribute("href") == "/critics/builder");
        Assert.Equal($"{builder:N0} verdicts".Replace(",", "", StringComparison.Ordinal), line.One(".muted").Text());
    }

    private static string Href(IDocument doc, string selector) =>
        doc.One(selector).GetAttribute("href") ?? throw new Xunit.Sdk.XunitException($"{selector} has no href");

    private static IEnumerable<string> Tools(IDocument doc) =>
        doc.QuerySelectorAll("[data-test=ranked-tool] th a").Select(a => a.GetAttribute("href")!);
}
