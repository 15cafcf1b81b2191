using System.Net;
using System.Xml.Linq;
using AiCompare.Tests.Support;
using AiCompare.Web.Pages.Discovery;
using Dapper;

namespace AiCompare.Tests.Web.Pages.Discovery;

/// <summary>robots.txt, sitemaps, the Atom feed, llms.txt and verdict badges.</summary>
public sealed class MachineReadableTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    private static readonly XNamespace Sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace AtomNs = "http://www.w3.org/2005/Atom";

    private async Task<XDocument> XmlAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return XDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Robots_PointsAtTheSitemapAndKeepsCrawlersOutOfAdmin()
    {
        var text = await site.Client().GetStringAsync("/robots.txt");

        Assert.Contains("Disallow: /admin", text, StringComparison.Ordinal);
        Assert.Contains("Sitemap: http://localhost:5080/sitemap.xml", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sitemap_IndexListsPagesAndToolChunks_EachAValidUrlSet()
    {
        var client = site.Client();
        var index = await XmlAsync(client, "/sitemap.xml");
        var locs = index.Descendants(Sm + "loc").Select(l => new Uri(l.Value).PathAndQuery).ToList();

        Assert.Equal(["/sitemaps/pages.xml", "/sitemaps/tools-1.xml"], locs);
        var pages = (await XmlAsync(client, "/sitemaps/pages.xml")).Descendants(Sm + "loc").Select(l => l.Value).ToList();
        Assert.Contains("http://localhost:5080/critics/founder", pages);
        Assert.Contains("http://localhost:5080/categories/developer-tools", pages);
        var tools = (await XmlAsync(client, "/sitemaps/tools-1.xml")).Descendants(Sm + "loc").Select(l => l.Value).ToList();
        Assert.Contains("http://localhost:5080/tools/smolvlm2-2b", tools);
        Assert.Contains(tools, t => t.Contains("/compare/", StringComparison.Ordinal));
        Assert.All(tools.Where(t => t.Contains("/compare/", StringComparison.Ordinal)), t =>
        {
            var pair = t[(t.LastIndexOf('/') + 1)..];
            var split = AiCompare.Domain.ComparePath.Splits(pair).Single();
            Assert.Equal(AiCompare.Domain.ComparePath.Canonical(split.Left, split.Right), pair);
        });
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/sitemaps/tools-2.xml")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/sitemaps/tools-0.xml")).StatusCode);
    }

    [Fact]
    public async Task Feed_IsValidAtomWithTheLatestVerdicts()
    {
        using var response = await site.Client().GetAsync("/feed.xml");
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var entries = feed.Root!.Elements(AtomNs + "entry").ToList();
        Assert.Equal(6, entries.Count);
        Assert.Equal("Mistral Medium 3: Ship · 3 ship / 1 skip", entries[0].Element(AtomNs + "title")!.Value);
        Assert.Equal("2026-05-26T00:00:00Z", entries[0].Element(AtomNs + "updated")!.Value);
    }

    [Fact]
    public async Task LlmsTxt_DescribesTheSiteAndHowToCite()
    {
        var text = await site.Client().GetStringAsync("/llms.txt");

        Assert.StartsWith("# AiCompare", text, StringComparison.Ordinal);
        Assert.Contains("## How to cite a verdict", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LlmsTxt_LinksItsPagesInMarkdown_ToAbsoluteUrlsThatAnswer()
    {
        var client = site.Client();
        var text = await client.GetStringAsync("/llms.txt");

        var links = System.Text.RegularExpressions.Regex.Matches(text, @"\[([^\]]+)\]\((http[^)\s]+)\)").Select(m => (Name: m.Groups[1].Value, Url: m.Groups[2].Value)).ToList();
        Assert.Contains(links, l => l.Name == "Critics" && new Uri(l.Url).AbsolutePath == "/critics");
        Assert.Contains(links, l => l.Name == "Feed of new verdicts" && new Uri(l.Url).AbsolutePath == "/feed.xml");
        Assert.True(links.Count >= 8, $"{links.Count} Markdown links");
        foreach (var (name, url) in links)
        {
            using var response = await client.GetAsync(new Uri(url).PathAndQuery);
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, $"[{name}]({url}) answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Badge_IsValidSvgWithTitleAndSplit()
    {
        using var response = await site.Client().GetAsync("/badge/mistral-medium-3.svg");
        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace s = "http://www.w3.org/2000/svg";

        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("AiCompare panel verdict for Mistral Medium 3: SHIP · 3/1", svg.Root!.Element(s + "title")!.Value);
        Assert.Contains(svg.Descendants(s + "text"), t => t.Value == "SHIP · 3/1");
    }

    [Theory]
    [InlineData("/badge/nope.svg")]
    [InlineData("/badge/smolvlm2.png")]
    [InlineData("/badge/%3Cx%3E.svg")]
    public async Task Badge_UnknownOrWrongKind_Is404(string url)
    {
        Assert.Equal(HttpStatusCode.NotFound, (await site.Client().GetAsync(url)).StatusCode);
    }

    [Fact]
    public void Badge_EscapesNames()
    {
        var svg = Badge.Svg("<script>&\"x\"", new AiCompare.Domain.PanelSummary(1, 0, 80));

        var doc = XDocument.Parse(svg);
        Assert.Contains(doc.Descendants(), e => e.Value.StartsWith("<script>&\"x\"", StringComparison.Ordinal));
        Assert.DoesNotContain("<script>", svg, StringComparison.Ordinal);
    }
}

/// <summary>The sitemap over a generated catalog of 2,000 tools stays linear in the number of tools.</summary>
public sealed class LargeSitemapTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Sitemap_2000Tools_AtMostFourUrlsPerTool()
    {
        using var site = SiteFactory.WithSettings(new Dictionary<string, string> { ["ConnectionStrings:AiCompare"] = _temp.ConnectionString });
        _ = site.Server;
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(_temp.ConnectionString))
        {
            await connection.OpenAsync();
            await using var tx = await connection.BeginTransactionAsync();
            for (var c = 0; c < 20; c++)
                await connection.ExecuteAsync("INSERT INTO Category (Slug, Name) VALUES (@Slug, @Name)", new { Slug = $"gen-{c}", Name = $"Generated {c}" }, tx);
            var ids = (await connection.QueryAsync<long>("SELECT Id FROM Category WHERE Slug LIKE 'gen-%' ORDER BY Id", transaction: tx)).ToList();
            await connection.ExecuteAsync("""
                INSERT INTO Tool (Slug, Name, Tagline, CategoryId, PricingEntry, PricingSummary, CreatedAt, UpdatedAt)
                VALUES (@Slug, @Name, 'Generated', @CategoryId, 'free', 'Free', '2026-01-01', '2026-01-01')
                """, Enumerable.Range(0, 2000).Select(i => new { Slug = $"gen-tool-{i:D4}", Name = $"Gen Tool {i:D4}", CategoryId = ids[i % 20] }), tx);
            await tx.CommitAsync();
        }

        var client = site.Client();
        var urls = 0;
        foreach (var path in XDocument.Parse(await client.GetStringAsync("/sitemap.xml")).Descendants("{http://www.sitemaps.org/schemas/sitemap/0.9}loc").Select(l => new Uri(l.Value).PathAndQuery))
        {
            var count = XDocument.Parse(await client.GetStringAsync(path)).Descendants("{http://www.sitemaps.org/schemas/sitemap/0.9}url").Count();
            Assert.True(count <= 50_000);
            urls += count;
        }

        var tools = 2006;
        Assert.InRange(urls, tools, (4 * tools) + 20);
        Assert.True(urls < tools * (tools - 1) / 2 / 100, "not one URL per pair");
    }
}
