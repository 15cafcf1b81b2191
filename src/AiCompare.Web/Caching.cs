using Microsoft.AspNetCore.ResponseCompression;

namespace AiCompare.Web;

/// <summary>
/// Public pages are kept in the <see cref="PageCache"/>, tagged with what they show, and evicted
/// precisely when that changes: <c>tool:{slug}</c> (pages showing a tool's data), <c>category:{slug}</c>
/// (pages listing a category's tools), <c>ranking:{slug}</c> (a category's ranking, which votes move),
/// <c>critics</c>, <c>lists</c> (pages listing many tools) and <c>newsletter</c>; everything at once is
/// <see cref="CacheEvictor.EverythingAsync"/>.
/// A page opts in with <see cref="PublicCacheAttribute"/> (Razor pages) or <see cref="CachePublic"/>
/// (endpoints), and adds tags with <see cref="TagCache"/> as it learns what it shows.
/// </summary>
public static class Caching
{
    public const string Lists = "lists";
    public const string Critics = "critics";
    public const string Newsletter = "newsletter";
    public const string CacheControl = "public, max-age=60, s-maxage=300, stale-while-revalidate=60";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public const string ToolPrefix = "tool:";
    public const string CategoryPrefix = "category:";

    public static string Tool(string slug) => ToolPrefix + slug;

    public static string Category(string slug) => CategoryPrefix + slug;

    public static string Ranking(string slug) => "ranking:" + slug;

    public static IServiceCollection AddCaching(this IServiceCollection services)
    {
        services.AddSingleton<EvictionClock>();
        services.AddSingleton<PageCache>();
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["image/svg+xml", "application/atom+xml", "application/xml"]);
        });
        services.AddSingleton<CacheEvictor>();
        return services;
    }

    /// <summary>Keeps an endpoint's successful GET responses in the page cache, tagged with <paramref name="tags"/>.</summary>
    public static TBuilder CachePublic<TBuilder>(this TBuilder endpoint, params string[] tags)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new PublicCacheAttribute { Tags = tags });

    /// <summary>Adds tags to the current response's cache entry (no-op when it is not being cached).</summary>
    public static void TagCache(this HttpContext context, params string[] tags) =>
        context.Features.Get<PageCacheFeature>()?.Tags.AddRange(tags);

    /// <summary>
    /// The encoding the compression middleware will choose for this request (<c>br</c>, <c>gzip</c> or
    /// empty), asked of the middleware's own provider, so that cache entries vary by what is actually
    /// sent, not by the raw header's spelling.
    /// </summary>
    public static string NegotiatedEncoding(this IResponseCompressionProvider compression, HttpContext context) =>
        compression.GetCompressionProvider(context)?.EncodingName ?? "";
}

/// <summary>Marks a page or endpoint whose successful GET responses are public and may be cached.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class PublicCacheAttribute : Attribute
{
    /// <summary>Tags known up front (more can be added per request with <see cref="Caching.TagCache"/>).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
}

/// <summary>
/// Orders evictions against renders. Every eviction takes the next number of a global sequence and
/// stamps it on the tag's stripe; a render notes the sequence when it starts, and its result may be
/// stored (in the page cache or the read model) only if none of its tags was evicted since. A page
/// rendered from data read before a change is therefore never cached after that change's eviction.
/// Stripes are shared by tags whose hashes collide, which only ever errs toward not storing.
/// </summary>
public sealed class EvictionClock
{
    private const int Stripes = 4096;
    private readonly long[] _stripes = new long[Stripes];
    private long _now;

    public long Now => Volatile.Read(ref _now);

    public void Evict(string tag)
    {
        var sequence = Interlocked.Increment(ref _now);
        Volatile.Write(ref _stripes[Stripe(tag)], sequence);
    }

    public void EvictAll()
    {
        var sequence = Interlocked.Increment(ref _now);
        for (var i = 0; i < Stripes; i++) Volatile.Write(ref _stripes[i], sequence);
    }

    public bool EvictedSince(string tag, long since) => Volatile.Read(ref _stripes[Stripe(tag)]) > since;

    private static int Stripe(string tag) => (int)((uint)StringComparer.Ordinal.GetHashCode(tag) % Stripes);
}

/// <summary>
/// Evicts what shows what just changed: first the read model, then the page cache. The clock is
/// stamped before and after the read model is cleared, so that neither a loader that read the database
/// before the change nor a page rendered from the old snapshot can put stale data back.
/// </summary>
public sealed class CacheEvictor(PageCache pages, EvictionClock clock, CatalogCache catalog)
{
    /// <summary>A tool's fields or reviews changed (or it was renamed, published, unpublished).</summary>
    public Task ToolChangedAsync(IEnumerable<string> slugs, IEnumerable<string> categorySlugs)
    {
        var categories = categorySlugs.Distinct(StringComparer.Ordinal).ToList();
        return EvictAsync([
            .. slugs.Distinct(StringComparer.Ordinal).Select(Caching.Tool),
            .. categories.Select(Caching.Category),
            .. categories.Select(Caching.Ranking),
            Caching.Lists]);
    }

    /// <summary>Votes changed these tools' community tallies: their pages and their categories' rankings.</summary>
    public Task VotedAsync(IEnumerable<(string Slug, string CategorySlug)> tools)
    {
        var list = tools.Distinct().ToList();
        return EvictAsync([
            .. list.Select(t => Caching.Tool(t.Slug)),
            .. list.Select(t => Caching.Ranking(t.CategorySlug)).Distinct(StringComparer.Ordinal)]);
    }

    public Task CriticsChangedAsync() => EvictAsync([Caching.Critics, Caching.Lists]);

    public Task NewsletterChangedAsync() => EvictAsync([Caching.Newsletter]);

    public Task EverythingAsync()
    {
        clock.EvictAll();
        catalog.Clear();
        clock.EvictAll();
        pages.Clear();
        return Task.CompletedTask;
    }

    private Task EvictAsync(IReadOnlyList<string> tags)
    {
        foreach (var tag in tags) clock.Evict(tag);
        catalog.Evict(tags);
        foreach (var tag in tags) clock.Evict(tag);
        foreach (var tag in tags) pages.Evict(tag);
        return Task.CompletedTask;
    }
}
