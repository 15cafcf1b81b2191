using System.Net;
using System.Xml.Linq;
using AiCompare.Data;
using AiCompare.Tests.Support;
using AiCompare.Web.Pages.Discovery;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace AiCompare.Tests.Web.Pages.Discovery;

/// <summary>Discovery outputs on a generated catalog of thousands of tools: every file small, every tool listed once, addresses stable.</summary>
public sealed class LargeDiscoveryTests : IDisposable
{
    private const int MaxBytes = 100 * 1024;
    private static readonly XNamespace Sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private readonly SiteFactory _site = new();
    private readonly Db _db;

    public LargeDiscoveryTests()
    {
        _db = _site.Services.GetRequiredService<Db>();
        new CatalogGenerator(_db).Generate(2_000, seed: 9);
    }

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task Sitemaps_EveryFileUnder100KB_EveryToolListedOnce()
    {
        var client = _site.Client();
        var index = await GetAsync(client, "/sitemap.xml");
        var files = XDocument.Parse(index).Descendants(Sm + "loc").Select(l => new Uri(l.Value).PathAndQuery).ToList();

        Assert.True(files.Count > 2, "the tools are spread over several files");
        var tools = new List<string>();
        foreach (var file in files)
        {
            var xml = await GetAsync(client, file);
            tools.AddRange(XDocument.Parse(xml).Descendants(Sm + "loc").Select(l => new Uri(l.Value).AbsolutePath).Where(p => p.StartsWith("/tools/", StringComparison.Ordinal)));
        }
        using var connection = _db.Open();
        var published = connection.Query<string>("SELECT '/tools/' || Slug FROM Tool WHERE IsPublished = 1").ToList();
        Assert.Equal(published.Order(StringComparer.Ordinal), tools.Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/sitemaps/tools-{files.Count}.xml")).StatusCode);
    }

    [Fact]
    public async Task SitemapFile_KeepsItsToolsWhenToolsAreAdded()
    {
        var client = _site.Client();
        var before = ToolUrls(await GetAsync(client, "/sitemaps/tools-2.xml"));

        new CatalogGenerator(_db).Generate(500, seed: 10);
        var after = ToolUrls(await GetAsync(client, "/sitemaps/tools-2.xml"));

        Assert.Equal(Sitemaps.ToolsPerSitemap, before.Count);
        Assert.Equal(before, after);
    }

    [Theory]
    [InlineData("/feed.xml")]
    [InlineData("/sitemaps/pages.xml")]
    [InlineData("/llms.txt")]
    [InlineData("/robots.txt")]
    [InlineData("/compare")]
    [InlineData("/api/v1/tools")]
    public async Task DiscoveryAndLists_StayUnder100KB(string url)
    {
        await GetAsync(_site.Client(), url);
    }

    private static List<string> ToolUrls(string xml) =>
        XDocument.Parse(xml).Descendants(Sm + "loc").Select(l => l.Value).Where(v => v.Contains("/tools/", StringComparison.Ordinal)).ToList();

    private static async Task<string> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body.Length <= MaxBytes, $"{url} is {body.Length} bytes");
        return System.Text.Encoding.UTF8.GetString(body);
    }
}
