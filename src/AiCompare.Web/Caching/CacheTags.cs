namespace AiCompare.Web.Caching;

/// <summary>
/// What a cached page shows, as tags: <c>tool:{slug}</c> (pages showing a tool's data), <c>category:{slug}</c>
/// (pages listing a category's tools), <c>ranking:{slug}</c> (a category's ranking, which the panel's reviews move),
/// <c>critics</c>, <c>lists</c> (pages listing many tools) and <c>newsletter</c>. Pages add them with
/// <see cref="CachingServices.TagCache"/>; <see cref="CacheEvictor"/> evicts them when a write announces a change.
/// </summary>
public static class CacheTags
{
    public const string Lists = "lists";
    public const string Critics = "critics";
    public const string Newsletter = "newsletter";

    public const string ToolPrefix = "tool:";
    public const string CategoryPrefix = "category:";

    public static string Tool(string slug) => ToolPrefix + slug;

    public static string Category(string slug) => CategoryPrefix + slug;

    public static string Ranking(string slug) => "ranking:" + slug;
}
