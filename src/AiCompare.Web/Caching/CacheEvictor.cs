using AiCompare.Data;
using AiCompare.Web.Pages.Compare;

namespace AiCompare.Web.Caching;

/// <summary>
/// Listens to what committed writes announce (<see cref="ChangeFeed"/>) and evicts what shows it: first
/// the read model, then the page cache. No page model or service evicts anything by hand: a write that
/// reaches the database through <see cref="Db.WriteAsync{T}"/> has said what it changed. The clock is
/// stamped before and after the read model is cleared, so that neither a loader that read the database
/// before the change nor a page rendered from the old snapshot can put stale data back.
/// </summary>
public sealed class CacheEvictor(Db db, PageCache pages, EvictionClock clock, ToolReadModel readModel, ILogger<CacheEvictor> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        db.Changes.ListenerFailed += (change, e) =>
            logger.LogError(e, "Pages showing a change ({Change}) were not evicted; they refresh within {Lifetime}", change.GetType().Name, PageCache.Lifetime);
        db.Changes.Subscribe(Evict);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The cache tags that show <paramref name="change"/>, or null when it may touch any page. A tool's
    /// change reaches its pages, its categories' lists and rankings, and the lists of many tools; a vote
    /// nothing; a critic edit everything showing the panel.
    /// </summary>
    public static IReadOnlyList<string>? TagsOf(Change change) => change switch
    {
        Change.ToolsChanged c =>
        [
            .. c.Slugs.Distinct(StringComparer.Ordinal).Select(CacheTags.Tool),
            .. c.CategorySlugs.Distinct(StringComparer.Ordinal).SelectMany(s => new[] { CacheTags.Category(s), CacheTags.Ranking(s) }),
            CacheTags.Lists,
        ],
        // Pages take tallies from the live board (Pages/Votes/TallyBoard) and order categories by what
        // votes do not move, so a vote leaves every page and read-model entry in place.
        Change.Voted => [],
        Change.DraftsChanged => [],
        Change.CriticsChanged => [CacheTags.Critics, CacheTags.Lists],
        Change.DigestSent => [CacheTags.Newsletter],
        _ => null,
    };

    private void Evict(Change change)
    {
        if (TagsOf(change) is not { } tags)
        {
            clock.EvictAll();
            readModel.Clear();
            clock.EvictAll();
            pages.Clear();
            return;
        }
        foreach (var tag in tags) clock.Evict(tag);
        readModel.Evict(tags);
        foreach (var tag in tags) clock.Evict(tag);
        foreach (var tag in tags) pages.Evict(tag);
    }
}
