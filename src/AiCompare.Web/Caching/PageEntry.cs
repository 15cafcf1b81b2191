using Microsoft.Extensions.Primitives;

namespace AiCompare.Web.Caching;

/// <summary>A cached response: everything needed to send it again as it was, without running the page.</summary>
public sealed class PageEntry(KeyValuePair<string, StringValues>[] headers, byte[] body, string etag, string[] tags, DateTimeOffset created)
{
    public KeyValuePair<string, StringValues>[] Headers { get; } = headers;
    public byte[] Body { get; } = body;
    public string ETag { get; } = etag;
    public string[] Tags { get; } = tags;
    public DateTimeOffset Created { get; } = created;
}
