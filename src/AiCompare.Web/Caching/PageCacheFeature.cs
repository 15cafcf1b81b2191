namespace AiCompare.Web.Caching;

/// <summary>Set on a request whose response may be cached: when it started, and the tags the page adds.</summary>
public sealed class PageCacheFeature(long startedAt)
{
    public long StartedAt { get; } = startedAt;
    public List<string> Tags { get; } = [];
}
