using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Caching;
using AiCompare.Web.Hosting;

namespace AiCompare.Web.Pages.Discovery;

/// <summary>
/// <c>/sitemap.xml</c>, an index of <c>/sitemaps/pages.xml</c> and the <c>/sitemaps/tools-N.xml</c> files. File N
/// holds the tools with ids in ((N-1)·<see cref="ToolsPerSitemap"/>, N·<see cref="ToolsPerSitemap"/>]: ids never
/// change, so a file's address keeps naming the same tools as the catalog grows, and the index needs only the
/// highest id, not a count or a scan.
/// </summary>
public static class Sitemaps
{
    /// <summary>
    /// Tool ids per sitemap file. Each tool brings itself and up to three comparisons, so a full file stays
    /// well under the 100 KB every public response keeps to, and costs what it does on a small catalog.
    /// </summary>
    public const int ToolsPerSitemap = 100;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/sitemap.xml", async (CatalogRepository catalog, AbsoluteUrls links) =>
        {
            var chunks = (int)Math.Max(1, (await catalog.MaxToolIdAsync() + ToolsPerSitemap - 1) / ToolsPerSitemap);
            return DiscoveryResults.Xml(w =>
            {
                w.WriteStartElement("sitemapindex", "http://www.sitemaps.org/schemas/sitemap/0.9");
                foreach (var path in new[] { "/sitemaps/pages.xml" }.Concat(Enumerable.Range(1, chunks).Select(i => $"/sitemaps/tools-{i}.xml")))
                {
                    w.WriteStartElement("sitemap");
                    w.WriteElementString("loc", links.Absolute(path));
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            });
        }).CachePublic(CacheTags.Lists);

        app.MapGet("/sitemaps/pages.xml", async (CatalogRepository catalog, DiscoveryRepository discovery, AbsoluteUrls links) =>
        {
            // The panel and the category slugs only: counting reviews or tools here would read the whole catalog.
            var critics = await catalog.PanelAsync();
            var categories = await discovery.CategorySlugsAsync();
            var paths = new[] { "/", "/compare", "/critics", "/categories", "/newsletter", "/newsletter/archive" }
                .Concat(critics.Select(c => "/critics/" + c.Slug))
                .Concat(categories.Select(c => "/categories/" + c));
            return DiscoveryResults.UrlSet(paths.Select(p => (links.Absolute(p), (string?)null)));
        }).CachePublic(CacheTags.Lists, CacheTags.Critics);

        app.MapGet("/sitemaps/tools-{n:int}.xml", async (int n, CatalogRepository catalog, AbsoluteUrls links) =>
        {
            // A file past the highest id is unknown; one inside it whose tools were all removed is an empty set.
            if (n < 1 || (long)(n - 1) * ToolsPerSitemap >= await catalog.MaxToolIdAsync()) return Results.NotFound();
            var rows = await catalog.SitemapChunkAsync((long)(n - 1) * ToolsPerSitemap, ToolsPerSitemap);
            var urls = new List<(string, string?)>();
            foreach (var row in rows)
            {
                var lastmod = row.UpdatedAt?[..Math.Min(10, row.UpdatedAt.Length)];
                urls.Add((links.Absolute("/tools/" + row.Slug), lastmod));
                foreach (var other in new[] { row.Next1, row.Next2, row.Next3 }.OfType<string>())
                    urls.Add((links.Absolute("/compare/" + ComparePath.Canonical(row.Slug, other)), null));
            }
            return DiscoveryResults.UrlSet(urls);
        }).CachePublic(CacheTags.Lists);
    }
}
