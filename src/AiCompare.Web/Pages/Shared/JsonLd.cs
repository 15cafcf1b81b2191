using System.Buffers;
using System.Text;
using System.Text.Json;

namespace AiCompare.Web.Pages.Shared;

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
