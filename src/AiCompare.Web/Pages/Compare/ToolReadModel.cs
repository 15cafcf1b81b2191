using System.Collections.Concurrent;
using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Caching;
using AiCompare.Web.Hosting;
using AiCompare.Web.Pages.Votes;
using Microsoft.Extensions.Options;

namespace AiCompare.Web.Pages.Compare;

/// <summary>
/// The read model behind comparison pages: tool snapshots (tool, reviews, panel numbers, community
/// tally), the panel, and each category's newest tools, held in a bounded in-memory cache so that a
/// page never rendered before costs no database round trip for tools already in memory, whatever the
/// size of the catalog. Bounded by <c>Catalog:CachedTools</c> (least recently used go first); entries
/// also expire after <see cref="PageCache.Lifetime"/>, so changes made by another process (an
/// <c>import</c>) show within that time. Evicted with the page cache, through <see cref="CacheEvictor"/>.
/// The community tally of each snapshot it reads is offered to the <see cref="TallyBoard"/>, which pages
/// render tallies from. Snapshots are kept as <see cref="StoredTool"/>s, a few hundred bytes each.
/// </summary>
public sealed class ToolReadModel
{
    private const int NewestPerCategory = 5;
    private const string PanelKey = "p:panel";
    private const string NewestPrefix = "n:";

    private readonly CatalogRepository _catalog;
    private readonly EvictionClock _clock;
    private readonly TallyBoard _tallies;
    private readonly BoundedCache<object> _cache;
    // Category names and slugs, one instance each (a few dozen strings; a renamed category leaves its old ones).
    private readonly ConcurrentDictionary<string, string> _shared = new(StringComparer.Ordinal);
    private readonly Func<string, string> _share;

    public ToolReadModel(CatalogRepository catalog, EvictionClock clock, TallyBoard tallies, IOptions<CatalogOptions> options)
    {
        _catalog = catalog;
        _clock = clock;
        _tallies = tallies;
        Capacity = options.Value.CachedTools;
        _share = Share;
        // The panel and the category lists count as one tool each: a few dozen entries at most. A full
        // cache drops the least recently used twentieth.
        _cache = new BoundedCache<object>(Capacity + 1_000, compactTo: 0.95);
    }

    /// <summary>How many tool snapshots the cache holds at most.</summary>
    public int Capacity { get; }

    /// <summary>Snapshots of the published tools among <paramref name="slugs"/>; the missing ones are loaded in one round trip.</summary>
    public async ValueTask<IReadOnlyDictionary<string, ToolSnapshot>> GetToolsAsync(IReadOnlyCollection<string> slugs)
    {
        var found = new Dictionary<string, ToolSnapshot>(slugs.Count, StringComparer.Ordinal);
        List<string>? missing = null;
        foreach (var slug in slugs)
        {
            if (_cache.Get(slug) is { Value: StoredTool stored })
                found[slug] = stored.ToSnapshot();
            else (missing ??= []).Add(slug);
        }
        if (missing is null) return found;

        await IoThread.LeaveAsync();
        var since = _clock.Now;
        var tallySince = _tallies.Sequence;
        foreach (var snapshot in await _catalog.LoadSnapshotsAsync(missing))
        {
            found[snapshot.Tool.Slug] = snapshot;
            Store(snapshot, since, tallySince);
        }
        return found;
    }

    /// <summary>The review panel, in panel order.</summary>
    public async ValueTask<IReadOnlyList<Critic>> PanelAsync()
    {
        if (_cache.Get(PanelKey) is { Value: IReadOnlyList<Critic> cached }) return cached;
        await IoThread.LeaveAsync();
        var since = _clock.Now;
        var panel = await _catalog.PanelAsync();
        if (!_clock.EvictedSince(CacheTags.Critics, since)) Set(PanelKey, panel);
        return panel;
    }

    /// <summary>A category's newest published tools (a handful: enough to suggest three besides any two).</summary>
    public async ValueTask<IReadOnlyList<ToolName>> NewestAsync(string categorySlug)
    {
        // Looked up by a key built on the stack; the key string is made only to store a list.
        if (_cache.Get(NewestPrefix, categorySlug) is { Value: IReadOnlyList<ToolName> cached }) return cached;
        await IoThread.LeaveAsync();
        var since = _clock.Now;
        var newest = await _catalog.NewestInCategoryAsync(categorySlug, NewestPerCategory);
        if (!_clock.EvictedSince(CacheTags.Category(categorySlug), since)) Set(NewestPrefix + categorySlug, newest);
        return newest;
    }

    /// <summary>
    /// Loads the catalog into the cache a page at a time until it is full or every tool is in, so
    /// that first requests after a start do not queue on the database. Returns how many were loaded.
    /// </summary>
    public async Task<int> WarmAsync(CancellationToken cancellation)
    {
        const int page = 2_000;
        var loaded = 0;
        var after = 0L;
        while (!cancellation.IsCancellationRequested && loaded < Capacity)
        {
            var since = _clock.Now;
            var tallySince = _tallies.Sequence;
            var snapshots = await _catalog.LoadSnapshotPageAsync(after, Math.Min(page, Capacity - loaded));
            if (snapshots.Count == 0) break;
            foreach (var snapshot in snapshots) Store(snapshot, since, tallySince);
            loaded += snapshots.Count;
            after = snapshots[^1].Tool.Id;
        }
        return loaded;
    }

    /// <summary>Drops what the given cache tags cover (<c>tool:</c>, <c>category:</c>, <c>critics</c>).</summary>
    public void Evict(IEnumerable<string> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.StartsWith(CacheTags.ToolPrefix, StringComparison.Ordinal)) _cache.Remove(tag[CacheTags.ToolPrefix.Length..]);
            else if (tag.StartsWith(CacheTags.CategoryPrefix, StringComparison.Ordinal)) _cache.Remove(NewestPrefix + tag[CacheTags.CategoryPrefix.Length..]);
            else if (tag == CacheTags.Critics) _cache.Remove(PanelKey);
        }
    }

    public void Clear() => _cache.Clear();

    /// <summary>Whether the tool's snapshot is in memory now (for tests of what the bound keeps).</summary>
    internal bool Holds(string slug) => _cache.Peek(slug) is StoredTool;

    private void Store(ToolSnapshot snapshot, long since, long tallySince)
    {
        var slug = snapshot.Tool.Slug;
        _tallies.Offer(slug, snapshot.Community, tallySince);
        // A change committed while this was being read evicted the tool after the read began: keep the
        // answer for this request, but do not cache what may already be stale.
        if (_clock.EvictedSince(CacheTags.Tool(slug), since)) return;
        // Stored compactly (see StoredTool), under the slug string the tally board keys it by too.
        Set(slug, StoredTool.From(snapshot, slug, _share));
    }

    /// <summary>The one instance of a string many tools hold (category names and slugs).</summary>
    private string Share(string value) => _shared.GetOrAdd(value, value);

    // Expiries are spread so that a warmed catalog is not reloaded all at once.
    private void Set(string key, object value) =>
        _cache.Set(key, value, 1, PageCache.Lifetime - TimeSpan.FromSeconds(Random.Shared.Next(0, 120)));
}
