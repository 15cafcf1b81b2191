using System.Globalization;
using System.Text;
using System.Xml;
using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Caching;
using AiCompare.Web.Pages.Compare;

namespace AiCompare.Web.Pages.Discovery;

/// <summary><c>/badge/{slug}.svg</c>: a tool's panel verdict as a badge other sites may show.</summary>
public static class Badge
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/badge/{file}", async (string file, ToolReadModel tools, CatalogRepository catalog, HttpContext context) =>
        {
            if (!file.EndsWith(".svg", StringComparison.Ordinal)) return Results.NotFound();
            var slug = file[..^4];
            if (!Slug.IsValid(slug)) return Results.NotFound();
            // The read model the comparison pages use: the tool and its reviews, not the tool page's category lists.
            if (!(await tools.GetToolsAsync([slug])).TryGetValue(slug, out var tool))
            {
                // Other sites embed the badge by the slug it had then: a renamed tool's badge moves with it.
                var moved = await catalog.FindRedirectsAsync([slug]);
                return moved.TryGetValue(slug, out var current) ? Results.Redirect($"/badge/{current}.svg", permanent: true) : Results.NotFound();
            }
            context.TagCache(CacheTags.Tool(slug));
            return DiscoveryResults.Cached(Results.Text(Svg(tool.Tool.Name, tool.Panel), "image/svg+xml; charset=utf-8"));
        }).CachePublic();
    }

    /// <summary>A verdict badge: tool name on the left, verdict and split on the right, with an accessible title.</summary>
    public static string Svg(string name, PanelSummary panel)
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
}
