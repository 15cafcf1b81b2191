using System.Globalization;
using AiCompare.Data;
using AiCompare.Web.Caching;
using AiCompare.Web.Hosting;

namespace AiCompare.Web.Pages.Discovery;

/// <summary><c>/feed.xml</c>: an Atom feed of the panel's newest verdicts.</summary>
public static class AtomFeed
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/feed.xml", async (CatalogRepository catalog, AbsoluteUrls links) =>
        {
            var latest = (await catalog.LatestAsync(50)).Where(t => t.Reviewed is not null).ToList();
            var updated = latest.Count > 0 ? Atom(latest[0].Reviewed!.Value) : "2026-01-01T00:00:00Z";
            return DiscoveryResults.Xml(w =>
            {
                w.WriteStartElement("feed", "http://www.w3.org/2005/Atom");
                w.WriteElementString("title", "AiCompare: new verdicts");
                w.WriteElementString("subtitle", "The panel's latest ship/skip verdicts on AI tools.");
                w.WriteElementString("id", links.Absolute("/feed.xml"));
                w.WriteElementString("updated", updated);
                DiscoveryResults.Link(w, links.Absolute("/feed.xml"), "self");
                DiscoveryResults.Link(w, links.Absolute("/"), "alternate");
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
                    DiscoveryResults.Link(w, url, "alternate");
                    w.WriteElementString("summary", $"{t.Tagline} ({t.Category}). Panel ship {t.Panel.ShipPercentText}, {t.Panel.AverageText}.");
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }, "application/atom+xml");
        }).CachePublic(CacheTags.Lists);
    }

    private static string Atom(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";
}
