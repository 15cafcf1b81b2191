using AiCompare.Web.Pages.Compare;
namespace AiCompare.Web.Caching;

/// <summary>
/// Evicts what shows what just changed: first the read model, then the page cache. The clock is
/// stamped before and after the read model is cleared, so that neither a loader that read the database
/// before the change nor a page rendered from the old snapshot can put stale data back.
/// </summary>
public sealed class CacheEvictor(PageCache pages, EvictionClock clock, ToolReadModel catalog)
{
    /// <summary>A tool's fields or reviews changed (or it was renamed, published, unpublished).</summary>
    public Task ToolChangedAsync(IEnumerable<string> slugs, IEnumerable<string> categorySlugs)
    {
        var categories = categorySlugs.Distinct(StringComparer.Ordinal).ToList();
        return EvictAsync([
            .. slugs.Distinct(StringComparer.Ordinal).Select(CacheTags.Tool),
            .. categories.Select(CacheTags.Category),
            .. categories.Select(CacheTags.Ranking),
            CacheTags.Lists]);
    }

    /// <summary>Votes changed these tools' community tallies: their pages and their categories' rankings.</summary>
    public Task VotedAsync(IEnumerable<(string Slug, string CategorySlug)> tools)
    {
        var list = tools.Distinct().ToList();
        return EvictAsync([
            .. list.Select(t => CacheTags.Tool(t.Slug)),
            .. list.Select(t => CacheTags.Ranking(t.CategorySlug)).Distinct(StringComparer.Ordinal)]);
    }

    public Task CriticsChangedAsync() => EvictAsync([CacheTags.Critics, CacheTags.Lists]);

    public Task NewsletterChangedAsync() => EvictAsync([CacheTags.Newsletter]);

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
