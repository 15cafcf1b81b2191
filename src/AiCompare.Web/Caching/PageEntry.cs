using Microsoft.Extensions.Primitives;

namespace AiCompare.Web.Caching;

/// <summary>A cached response: everything needed to send it again as it was, without running the page.</summary>
public sealed class PageEntry(KeyValuePair<string, StringValues>[] headers, PageBody body, string etag, string[] tags, DateTimeOffset created)
{
    public KeyValuePair<string, StringValues>[] Headers { get; } = headers;
    /// <summary>The bytes, referenced once by the cache for as long as it holds this entry.</summary>
    public PageBody Body { get; } = body;
    public string ETag { get; } = etag;
    public string[] Tags { get; } = tags;
    public DateTimeOffset Created { get; } = created;
}
