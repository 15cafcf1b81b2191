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

    /// <summary>Where a share link takes the escaped text.</summary>
    internal static readonly string TextSlot = new(['{', '0', '}']);

    /// <summary>Where a share link takes the escaped link.</summary>
    internal static readonly string UrlSlot = new(['{', '1', '}']);

    /// <summary>
    /// Each network's share link as it is written inside an <c>href</c> attribute (so <c>&amp;</c> is
    /// <c>&amp;amp;</c>), in pieces: markup, and <see cref="TextSlot"/> or <see cref="UrlSlot"/> (told
    /// apart by reference) where the escaped text or link goes. Escaped values hold only unreserved
    /// characters and <c>%XX</c>, which HTML needs no encoding for, so the pieces are written as they
    /// are, one after another: no link string is built per render.
    /// </summary>
    internal static readonly (string Name, string[] HrefHtml)[] Networks =
    [
        ("X", ["https://x.com/intent/post?text=", TextSlot, "&amp;url=", UrlSlot]),
        ("LinkedIn", ["https://www.linkedin.com/sharing/share-offsite/?url=", UrlSlot]),
        // Escaping works character by character, so "text, space, link" escaped is the two escaped with %20 between.
        ("Bluesky", ["https://bsky.app/intent/compose?text=", TextSlot, "%20", UrlSlot]),
        ("Hacker News", ["https://news.ycombinator.com/submitlink?u=", UrlSlot, "&amp;t=", TextSlot]),
        ("Email", ["mailto:?subject=", TextSlot, "&amp;body=", TextSlot, "%0A%0A", UrlSlot]),
    ];
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
        // One buffer and writer per thread, reset for each page: only the finished string is allocated.
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        var json = t_writer ??= new Utf8JsonWriter(buffer);
        json.Reset(buffer);
        json.WriteStartObject();
        json.WriteString("@context", "https://schema.org");
        json.WriteString("@type", "BreadcrumbList");
        json.WriteStartArray("itemListElement");
        Item(json, 1, "AiCompare", home);
        if (page is { } p) Item(json, 2, p.Name, p.Url);
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

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
