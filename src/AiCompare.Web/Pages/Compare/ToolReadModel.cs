using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Caching;
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
/// render tallies from.
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

    public ToolReadModel(CatalogRepository catalog, EvictionClock clock, TallyBoard tallies, IOptions<CatalogOptions> options)
    {
        _catalog = catalog;
        _clock = clock;
        _tallies = tallies;
        Capacity = options.Value.CachedTools;
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
            if (_cache.Get(slug) is { Value: ToolSnapshot snapshot })
                found[slug] = snapshot;
            else (missing ??= []).Add(slug);
        }
        if (missing is null) return found;

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
    internal bool Holds(string slug) => _cache.Peek(slug) is ToolSnapshot;

    private void Store(ToolSnapshot snapshot, long since, long tallySince)
    {
        _tallies.Offer(snapshot.Tool.Slug, snapshot.Community, tallySince);
        // A change committed while this was being read evicted the tool after the read began: keep the
        // answer for this request, but do not cache what may already be stale.
        if (_clock.EvictedSince(CacheTags.Tool(snapshot.Tool.Slug), since)) return;
        var compact = Compact(snapshot);
        // Keyed by the copy's own slug, which lies beside the rest of the tool (a slug has no colon,
        // which the other keys have).
        Set(compact.Tool.Slug, compact);
    }

    /// <summary>
    /// A copy of the snapshot whose objects (the tool, its own strings, its reviews and their quotes, then
    /// the cache's own entry for it) lie together in memory, one tool after another. Category and critic
    /// slugs and names stay shared (interned): every tool reads the same few. As read from the
    /// database they lie in half a dozen places (every row's strings, then every tool, then every
    /// review…), and a page reading one tool of a 100,000-tool read model missed the processor's
    /// caches in each. The garbage collector keeps survivors in allocation order, so this lasts.
    /// </summary>
    private static ToolSnapshot Compact(ToolSnapshot snapshot)
    {
        var tool = snapshot.Tool;
        var copy = tool with
        {
            Slug = Copy(tool.Slug),
            Name = Copy(tool.Name),
            Tagline = Copy(tool.Tagline),
            Vendor = Copy(tool.Vendor),
            Website = Copy(tool.Website),
            BestFor = Copy(tool.BestFor),
            Pricing = tool.Pricing with { Summary = Copy(tool.Pricing.Summary) },
            DescriptionHtml = Copy(tool.DescriptionHtml),
        };
        var reviews = new Review[snapshot.Reviews.Count];
        for (var i = 0; i < reviews.Length; i++) reviews[i] = snapshot.Reviews[i] with { Quote = Copy(snapshot.Reviews[i].Quote) };
        return new ToolSnapshot(copy, reviews, snapshot.Community with { });

        [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(value))]
        static string? Copy(string? value) => string.IsNullOrEmpty(value) ? value : new string(value.AsSpan());
    }

    // Expiries are spread so that a warmed catalog is not reloaded all at once.
    private void Set(string key, object value) =>
        _cache.Set(key, value, 1, PageCache.Lifetime - TimeSpan.FromSeconds(Random.Shared.Next(0, 120)));
}
