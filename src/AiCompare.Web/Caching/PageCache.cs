using System.Collections.Concurrent;
using AiCompare.Web.Hosting.Metrics;
using Microsoft.Extensions.Options;

namespace AiCompare.Web.Caching;

/// <summary>
/// The page cache: finished public responses (headers and bytes, one entry per scheme, host, path, query
/// and negotiated encoding), bounded in bytes (<c>Caching:SizeLimitMB</c>, default 256; least recently
/// used go first), expiring after <see cref="Lifetime"/>, and evicted by tag. It stands in for ASP.NET
/// Core's output cache (still selectable, <c>Caching:Store=OutputCache</c>) because a hit here is one
/// dictionary lookup by a key built on the stack and one write of stored bytes, with no per-hit policy,
/// key string or entry deserialisation; docs/performance.md has the side-by-side measurement.
/// While the cache has room every page is stored on its first request (the second is a hit). Once it
/// is nearly full, a page is stored only on its fourth request within a while (a "doorkeeper", as in
/// TinyLFU, counting): a catalog of N tools has N(N-1)/2 pages, most asked for once or twice, and storing
/// each of those would churn the cache (and the garbage collector) without ever serving a hit.
/// </summary>
public sealed class PageCache
{
    public const int MaxBodySize = 1024 * 1024;

    /// <summary>How long an entry is kept at most; a change evicts it sooner.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>Cache-Control for cached pages that set none: short for browsers, longer for a CDN in front.</summary>
    public const string DefaultCacheControl = "public, max-age=60, s-maxage=300, stale-while-revalidate=60";
    private const int EntryOverhead = 1024;

    private readonly BoundedCache<PageEntry> _entries;
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _tags = new(StringComparer.Ordinal);
    /// <summary>How many requests within a while a page needs, once the doorkeeper decides, to be stored.</summary>
    public const int Sightings = 4;

    // Per slot: a key's fingerprint (low 32 bits) and how often it was offered (high 32 bits).
    private readonly long[] _seen = new long[1 << 20];
    private volatile bool _guarded;
    private readonly SiteMetrics? _metrics;

    public PageCache(IOptions<CachingOptions> options, TimeProvider? time = null, SiteMetrics? metrics = null)
    {
        // CachingOptions refuses a size below 1 MB when the cache is on.
        var settings = options.Value;
        Enabled = settings.Pages && settings.Store == CacheStore.PageCache;
        SizeLimit = Math.Max(1, settings.SizeLimitMB) * 1024L * 1024;
        // A full cache is compacted by a tenth, least recently used first.
        _entries = new BoundedCache<PageEntry>(SizeLimit, compactTo: 0.9, time, Unindex);
        // Enough idle arrays to take in what a compaction frees, for the pages stored after it.
        Bodies = new PageBodyPool(SizeLimit / 8);
        _metrics = metrics;
        metrics?.ObservePageCache(() => Size, () => Count);
    }

    /// <summary>False when caching is switched off (<c>Caching:Pages=false</c>) or pages are in the output cache instead.</summary>
    public bool Enabled { get; }

    public long SizeLimit { get; }

    /// <summary>Where stored pages' bytes are kept (see <see cref="PageBody"/>).</summary>
    public PageBodyPool Bodies { get; }

    public int Count => _entries.Count;

    /// <summary>Bytes held now (bodies plus an allowance for headers and the key).</summary>
    public long Size => _entries.Size;

    /// <summary>
    /// Whether a freshly rendered page should be stored: always until the cache first reaches 90% of its
    /// limit; from then on only when the same key has been offered <see cref="Sightings"/> times recently,
    /// until evictions bring it below half (an edit that clears the site, say). The gap matters: a full
    /// cache compacts itself by a tenth, and a doorkeeper that opened again below 90% would let every new
    /// page in, then compact, over and over, which is exactly the churn it exists to stop. The doorkeeper
    /// is a fixed table of key fingerprints with a count each (8 MB): a key's count lasts until another
    /// key takes its slot, and a collision only stores or skips one page more or less. A page asked for
    /// often enough and evicted later is stored again on its next request. Why four: under Zipf-popular
    /// traffic a page asked for only two or three times is seldom asked for again before it is evicted,
    /// and storing it pushes out one that would have been (bench/zipf-sim.py; docs/performance.md).
    /// </summary>
    public bool Admit(string key)
    {
        var size = Size;
        if (_guarded && size < SizeLimit / 2) _guarded = false;
        else if (!_guarded && size >= SizeLimit / 10 * 9) _guarded = true;
        if (!_guarded) return true;
        var hash = StringComparer.Ordinal.GetHashCode(key);
        ref var slot = ref _seen[(uint)hash % (uint)_seen.Length];
        var fingerprint = (uint)(hash | 1); // never 0, the empty slot
        var seen = Volatile.Read(ref slot);
        // Racing offers of one key may count once between them: one store more or less, never a wrong page.
        var count = (uint)seen == fingerprint ? Math.Min((int)(seen >>> 32) + 1, Sightings) : 1;
        Volatile.Write(ref slot, (long)count << 32 | fingerprint);
        return count >= Sightings;
    }

    /// <summary>The entry stored under the key, unless it has expired.</summary>
    public BoundedCache<PageEntry>.Entry? Get(ReadOnlySpan<char> key) => _entries.Get(key);

    /// <summary>The entry under the key these parts make, looked up without building it (see <see cref="BoundedCache{TValue}.Get(ReadOnlySpan{string})"/>).</summary>
    public BoundedCache<PageEntry>.Entry? Get(params ReadOnlySpan<string> parts) => _entries.Get(parts);

    /// <summary>Whole seconds since the entry was stored (never negative, whatever the wall clock does).</summary>
    public long AgeSeconds(BoundedCache<PageEntry>.Entry entry) => _entries.AgeSeconds(entry);

    /// <summary>
    /// Stores an entry (unless the cache is full: see <see cref="BoundedCache{TValue}.Set"/>) and indexes it
    /// under its tags. The entry's body reference passes to the cache: released when the entry leaves it,
    /// or now if it was not stored.
    /// </summary>
    public void Store(string key, PageEntry entry)
    {
        if (!_entries.Set(key, entry, entry.Body.Capacity + EntryOverhead + key.Length * sizeof(char), PageCache.Lifetime))
        {
            entry.Body.Release();
            return;
        }
        // Indexed after it is in, so that an unindexing racing with this store (see Unindex) re-adds it.
        // An eviction of one of its tags between the two is caught by the caller's check of the
        // EvictionClock after storing (see PageCacheMiddleware).
        foreach (var tag in entry.Tags) Index(tag, key);
    }

    public void Remove(string key) => _entries.Remove(key);

    /// <summary>Removes every entry carrying <paramref name="tag"/>.</summary>
    public void Evict(string tag)
    {
        if (!_tags.TryRemove(tag, out var keys)) return;
        foreach (var key in keys.Keys) _entries.Remove(key);
    }

    public void Clear() => _entries.Clear();

    /// <summary>Compacts now (tests): expired entries, then the least recently used beyond 90%.</summary>
    internal void Compact() => _entries.Compact();

    private void Index(string tag, string key) =>
        _tags.GetOrAdd(tag, static _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal)).TryAdd(key, 0);

    /// <summary>
    /// Takes the key out of the indexes of a removed or replaced entry's tags. An entry stored under the
    /// same key meanwhile keeps its index: it is looked for after the removal and indexed again (an index
    /// entry too many only costs an eviction a lookup; one too few would leave a stale page).
    /// </summary>
    private void Unindex(string key, PageEntry removed)
    {
        _metrics?.PageCacheEviction();
        removed.Body.Release();
        foreach (var tag in removed.Tags)
        {
            if (_tags.TryGetValue(tag, out var keys)) keys.TryRemove(key, out _);
            if (_entries.Peek(key) is { } current && Array.IndexOf(current.Tags, tag) >= 0) Index(tag, key);
        }
    }
}
