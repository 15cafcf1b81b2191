using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Caching;
using AiCompare.Web.Hosting;

namespace AiCompare.Web.Pages.Discovery;

/// <summary><c>/sitemap.xml</c>, an index of <c>/sitemaps/pages.xml</c> and one <c>/sitemaps/tools-N.xml</c> per <see cref="ToolsPerSitemap"/> tools.</summary>
public static class Sitemaps
{
    /// <summary>Tools per sitemap file: each brings itself and up to 3 comparisons, well under the protocol's 50,000 URLs.</summary>
    public const int ToolsPerSitemap = 10_000;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/sitemap.xml", async (CatalogRepository catalog, AbsoluteUrls links) =>
        {
            var chunks = Math.Max(1, (await catalog.CountPublishedAsync() + ToolsPerSitemap - 1) / ToolsPerSitemap);
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

        app.MapGet("/sitemaps/pages.xml", async (DiscoveryRepository discovery, AbsoluteUrls links) =>
        {
            var critics = await discovery.CriticsAsync();
            var categories = await discovery.CategoriesAsync();
            var paths = new[] { "/", "/compare", "/critics", "/categories", "/newsletter", "/newsletter/archive" }
                .Concat(critics.Select(c => "/critics/" + c.Critic.Slug))
                .Concat(categories.Select(c => "/categories/" + c.Slug));
            return DiscoveryResults.UrlSet(paths.Select(p => (links.Absolute(p), (string?)null)));
        }).CachePublic(CacheTags.Lists, CacheTags.Critics);

        app.MapGet("/sitemaps/tools-{n:int}.xml", async (int n, CatalogRepository catalog, AbsoluteUrls links) =>
        {
            if (n < 1) return Results.NotFound();
            var rows = await catalog.SitemapChunkAsync((n - 1) * ToolsPerSitemap, ToolsPerSitemap);
            if (rows.Count == 0) return Results.NotFound();
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
