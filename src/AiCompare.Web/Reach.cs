using System.Globalization;
using System.Text;
using System.Xml;
using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Newsletter;

namespace AiCompare.Web;

/// <summary>What machines read: robots.txt, the sitemap index, the Atom feed, llms.txt, badges and the embed card.</summary>
public static class Reach
{
    /// <summary>Tools per sitemap file: each brings itself and up to 3 comparisons, well under the protocol's 50,000 URLs.</summary>
    public const int ToolsPerSitemap = 10_000;

    public static void MapReach(this WebApplication app)
    {
        app.MapGet("/robots.txt", (NewsletterLinks links) => Cached(Results.Text(
            $"User-agent: *\nAllow: /\nDisallow: /admin\nDisallow: /votes\nDisallow: /search\n\nSitemap: {links.Absolute("/sitemap.xml")}\n", "text/plain"))).CachePublic();

        app.MapGet("/sitemap.xml", async (CatalogRepository catalog, NewsletterLinks links) =>
        {
            var chunks = Math.Max(1, (await catalog.CountPublishedAsync() + ToolsPerSitemap - 1) / ToolsPerSitemap);
            return Xml(w =>
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
        }).CachePublic(Caching.Lists);

        app.MapGet("/sitemaps/pages.xml", async (DiscoveryRepository discovery, NewsletterLinks links) =>
        {
            var critics = await discovery.CriticsAsync();
            var categories = await discovery.CategoriesAsync();
            var paths = new[] { "/", "/compare", "/critics", "/categories", "/newsletter", "/newsletter/archive" }
                .Concat(critics.Select(c => "/critics/" + c.Critic.Slug))
                .Concat(categories.Select(c => "/categories/" + c.Slug));
            return UrlSet(paths.Select(p => (links.Absolute(p), (string?)null)));
        }).CachePublic(Caching.Lists, Caching.Critics);

        app.MapGet("/sitemaps/tools-{n:int}.xml", async (int n, CatalogRepository catalog, NewsletterLinks links) =>
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
            return UrlSet(urls);
        }).CachePublic(Caching.Lists);

        app.MapGet("/feed.xml", async (CatalogRepository catalog, NewsletterLinks links) =>
        {
            var latest = (await catalog.GetHomeAsync(latest: 50)).Latest.Where(t => t.Reviewed is not null).ToList();
            var updated = latest.Count > 0 ? Atom(latest[0].Reviewed!.Value) : "2026-01-01T00:00:00Z";
            return Xml(w =>
            {
                w.WriteStartElement("feed", "http://www.w3.org/2005/Atom");
                w.WriteElementString("title", "AiCompare: new verdicts");
                w.WriteElementString("subtitle", "The panel's latest ship/skip verdicts on AI tools.");
                w.WriteElementString("id", links.Absolute("/feed.xml"));
                w.WriteElementString("updated", updated);
                Link(w, links.Absolute("/feed.xml"), "self");
                Link(w, links.Absolute("/"), "alternate");
                w.WriteStartElement("author");
                w.WriteElementString("name", "The AiCompare panel");
                w.WriteEndElement();
                foreach (var t in latest)
                {
                    var url = links.Absolute("/tools/" + t.Slug);
                    w.WriteStartElement("entry");
                    w.WriteElementString("title", $"{t.Name}: {t.Panel.DecisionText}");
                    w.WriteElementString("id", url);
                    w.WriteElementString("updated", Atom(t.Reviewed!.Value));
                    Link(w, url, "alternate");
                    w.WriteElementString("summary", $"{t.Tagline} ({t.Category}). Panel ship {t.Panel.ShipPercentText}, {t.Panel.AverageText}.");
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }, "application/atom+xml");
        }).CachePublic(Caching.Lists);

        app.MapGet("/llms.txt", (NewsletterLinks links) => Cached(Results.Text($"""
            # AiCompare

            > Side-by-side verdicts on AI tools for developers deciding what to ship with. A panel of four critics
            > (the Builder, the Skeptic, the Futurist and the Founder) scores each tool out of 100 and calls it ship or skip.

            ## How to read a verdict
            - Panel verdict: Ship when more critics ship than skip, Skip when more skip, Mixed on a tie.
            - Panel ship %: ships / reviews x 100, rounded half up. Panel average: mean score, rounded.
            - Community: readers' ship/skip votes, by the same rule.

            ## Where things are
            - Tool verdicts: {links.Absolute("/tools/{slug}")}
            - Comparisons: {links.Absolute("/compare/{a}-vs-{b}")} (slugs in alphabetical order)
            - Critics: {links.Absolute("/critics")}; categories: {links.Absolute("/categories")}
            - JSON API (read-only, CORS): {links.Absolute("/api/v1/tools")}, {links.Absolute("/api/v1/tools/{slug}")}, {links.Absolute("/api/v1/compare/{a}-vs-{b}")}, {links.Absolute("/api/v1/critics")}
            - Feed of new verdicts: {links.Absolute("/feed.xml")}

            ## How to cite a verdict
            Name the tool, the panel verdict with its split and the date, and link the tool page, e.g.:
            "SmolVLM2-2B: Ship, 4 ship / 0 skip from the AiCompare panel (reviewed 2026-03-18), {links.Absolute("/tools/smolvlm2-2b")}"
            """, "text/plain; charset=utf-8"))).CachePublic();

        app.MapGet("/badge/{file}", async (string file, CatalogRepository catalog, HttpContext context) =>
        {
            if (!file.EndsWith(".svg", StringComparison.Ordinal)) return Results.NotFound();
            var slug = file[..^4];
            if (!Slug.IsValid(slug)) return Results.NotFound();
            var page = await catalog.GetToolPageAsync(slug);
            if (page is null) return Results.NotFound();
            context.TagCache(Caching.Tool(slug));
            return Cached(Results.Text(Badge(page.Tool.Name, PanelSummary.From(page.Reviews)), "image/svg+xml; charset=utf-8"));
        }).CachePublic();
    }

    /// <summary>A verdict badge: tool name on the left, verdict and split on the right, with an accessible title.</summary>
    public static string Badge(string name, PanelSummary panel)
    {
        var label = name.Length > 40 ? name[..39] + "…" : name;
        var value = panel.Reviews == 0 ? "no verdict yet" : string.Create(CultureInfo.InvariantCulture, $"{panel.VerdictLabel.ToUpperInvariant()} · {panel.Ships}/{panel.Skips}");
        var color = panel.Verdict switch { PanelVerdict.Ship => "#0f7b45", PanelVerdict.Skip => "#b42318", PanelVerdict.Mixed => "#8a5a00", _ => "#5b6270" };
        var left = 12 + (label.Length * 7);
        var right = 12 + (value.Length * 7);
        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(sb, new XmlWriterSettings { OmitXmlDeclaration = true }))
        {
            w.WriteStartElement("svg", "http://www.w3.org/2000/svg");
            w.WriteAttributeString("width", (left + right).ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("height", "20");
            w.WriteAttributeString("role", "img");
            w.WriteAttributeString("aria-label", $"{name}: {value}");
            w.WriteElementString("title", $"AiCompare panel verdict for {name}: {value}");
            Rect(w, 0, left, "#14171f");
            Rect(w, left, right, color);
            w.WriteStartElement("g");
            w.WriteAttributeString("fill", "#fff");
            w.WriteAttributeString("font-family", "Verdana,DejaVu Sans,sans-serif");
            w.WriteAttributeString("font-size", "11");
            Label(w, 6, label);
            Label(w, left + 6, value);
            w.WriteEndElement();
            w.WriteEndElement();
        }
        return sb.ToString();

        static void Rect(XmlWriter w, int x, int width, string fill)
        {
            w.WriteStartElement("rect");
            w.WriteAttributeString("x", x.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("width", width.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("height", "20");
            w.WriteAttributeString("fill", fill);
            w.WriteEndElement();
        }

        static void Label(XmlWriter w, int x, string text)
        {
            w.WriteStartElement("text");
            w.WriteAttributeString("x", x.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("y", "14");
            w.WriteString(text);
            w.WriteEndElement();
        }
    }

    private static IResult UrlSet(IEnumerable<(string Loc, string? LastMod)> urls) => Xml(w =>
    {
        w.WriteStartElement("urlset", "http://www.sitemaps.org/schemas/sitemap/0.9");
        foreach (var (loc, lastmod) in urls)
        {
            w.WriteStartElement("url");
            w.WriteElementString("loc", loc);
            if (lastmod is not null) w.WriteElementString("lastmod", lastmod);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    });

    private static IResult Xml(Action<XmlWriter> write, string contentType = "application/xml")
    {
        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(sb, new XmlWriterSettings { Encoding = Encoding.UTF8 }))
        {
            write(w);
        }
        // StringBuilder output declares utf-16; the bytes sent are UTF-8.
        return Cached(Results.Text(sb.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal), contentType + "; charset=utf-8"));
    }

    private static void Link(XmlWriter w, string href, string rel)
    {
        w.WriteStartElement("link");
        w.WriteAttributeString("rel", rel);
        w.WriteAttributeString("href", href);
        w.WriteEndElement();
    }

    private static string Atom(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";

    /// <summary>Public, shared-cacheable for five minutes.</summary>
    private static IResult Cached(IResult result) => new CachedResult(result);

    private sealed class CachedResult(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.CacheControl = "public, max-age=300";
            return inner.ExecuteAsync(httpContext);
        }
    }
}
