using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AiCompare.Domain;

namespace AiCompare.Web.Pages.Shared;

/// <summary>"Share this verdict": the ready text and the share links.</summary>
public sealed record Share(string Text, string Url)
{
    public static string ToolText(string name, PanelSummary panel) =>
        panel.Reviews == 0
            ? $"{name}: no verdict yet from the AiCompare panel"
            : $"{name} verdict: {panel.VerdictLabel.ToUpperInvariant()} · {panel.Ships} {(panel.Ships == 1 ? "ship" : "ships")} · {panel.Skips} {(panel.Skips == 1 ? "skip" : "skips")} from the panel";

    /// <summary>
    /// Each network's share link as it is written inside an <c>href</c> attribute (so <c>&amp;</c> is
    /// <c>&amp;amp;</c>), with <c>{0}</c> for the escaped text and <c>{1}</c> for the escaped link.
    /// Escaped values hold only unreserved characters and <c>%XX</c>, which HTML needs no encoding
    /// for, so a link is written as it is, without an encoding pass over it on every render.
    /// </summary>
    private static readonly (string Name, CompositeFormat HrefHtml)[] Networks =
    [
        ("X", CompositeFormat.Parse("https://x.com/intent/post?text={0}&amp;url={1}")),
        ("LinkedIn", CompositeFormat.Parse("https://www.linkedin.com/sharing/share-offsite/?url={1}")),
        // Escaping works character by character, so "text, space, link" escaped is the two escaped with %20 between.
        ("Bluesky", CompositeFormat.Parse("https://bsky.app/intent/compose?text={0}%20{1}")),
        ("Hacker News", CompositeFormat.Parse("https://news.ycombinator.com/submitlink?u={1}&amp;t={0}")),
        ("Email", CompositeFormat.Parse("mailto:?subject={0}&amp;body={0}%0A%0A{1}")),
    ];

    /// <summary>The share links, each as it is written inside an <c>href</c> attribute.</summary>
    public IEnumerable<(string Name, string HrefHtml)> Links()
    {
        var text = Uri.EscapeDataString(Text);
        var url = Uri.EscapeDataString(Url);
        foreach (var (name, href) in Networks) yield return (name, string.Format(CultureInfo.InvariantCulture, href, text, url));
    }
}

/// <summary>JSON-LD written safely inside a script data block (System.Text.Json escapes &lt; &gt; &amp;).</summary>
public static class JsonLd
{
    public static string Serialize(object value) => JsonSerializer.Serialize(value);

    /// <summary>
    /// The BreadcrumbList every page carries: the home page, then the page itself (none on the home
    /// page). Written directly rather than through a serializer: it is on every page render.
    /// </summary>
    public static string Breadcrumbs(string home, (string Name, string Url)? page)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("@context", "https://schema.org");
            json.WriteString("@type", "BreadcrumbList");
            json.WriteStartArray("itemListElement");
            Item(json, 1, "AiCompare", home);
            if (page is { } p) Item(json, 2, p.Name, p.Url);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Item(Utf8JsonWriter json, int position, string name, string url)
    {
        json.WriteStartObject();
        json.WriteString("@type", "ListItem");
        json.WriteNumber("position", position);
        json.WriteString("name", name);
        json.WriteString("item", url);
        json.WriteEndObject();
    }
}
