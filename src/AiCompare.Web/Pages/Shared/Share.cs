using System.Buffers;
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

    public IEnumerable<(string Name, string Href)> Links()
    {
        var text = Uri.EscapeDataString(Text);
        var url = Uri.EscapeDataString(Url);
        yield return ("X", $"https://x.com/intent/post?text={text}&url={url}");
        yield return ("LinkedIn", $"https://www.linkedin.com/sharing/share-offsite/?url={url}");
        // Escaping works character by character, so "text, space, link" escaped is the two escaped with %20 between.
        yield return ("Bluesky", $"https://bsky.app/intent/compose?text={text}%20{url}");
        yield return ("Hacker News", $"https://news.ycombinator.com/submitlink?u={url}&t={text}");
        yield return ("Email", $"mailto:?subject={text}&body={text}%0A%0A{url}");
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
