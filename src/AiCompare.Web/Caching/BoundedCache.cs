using System.Buffers;
using System.Collections.Concurrent;

namespace AiCompare.Web.Caching;

/// <summary>
/// A cache of values by string key, bounded by a size its callers give each value (bytes for pages, one
/// per tool for the read model), least recently used first out, each entry expiring after its own
/// lifetime. Both the page cache and the read model sit on it; it replaced <c>MemoryCache</c>, whose
/// work on every read (its clock, statistics, expiration checks, and a key string built per lookup) was
/// what stretched cached pages' p99 latency to 2–3 times the bare server's (see README, "Cached p99").
/// Here a read is one lookup in a concurrent dictionary, by a key the caller may build on the stack,
/// and allocates nothing. A store that would go past the limit is refused and starts a compaction in the
/// background, as <c>MemoryCache</c> does; so does a store a minute after the last sweep for expired entries.
/// </summary>
public sealed class BoundedCache<TValue> where TValue : class
{
    /// <summary>A stored value and its bookkeeping.</summary>
    public sealed class Entry
    {
        internal Entry(string key, TValue value, long size, long storedAt, long expiresAt)
        {
            Key = key;
            Value = value;
            Size = size;
            StoredAt = storedAt;
            ExpiresAt = expiresAt;
            LastUsed = storedAt;
        }

        public string Key { get; }
        public TValue Value { get; }
        internal long Size { get; }
        internal long StoredAt { get; }
        internal long ExpiresAt { get; }
        internal long LastUsed;
    }

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly TimeProvider _time;
    private readonly long _keepOnCompaction;
    private readonly long _sweepEvery;
    private readonly Action<string, TValue>? _removed;
    private long _size;
    private long _sweptAt;
    private int _compacting;

    /// <param name="sizeLimit">The most the entries' sizes may add up to.</param>
    /// <param name="compactTo">The share of the limit a compaction brings the cache down to.</param>
    /// <param name="time">The clock (a monotonic timestamp) for expiry and recency.</param>
    /// <param name="removed">Called with each entry taken out or replaced, after it is.</param>
    public BoundedCache(long sizeLimit, double compactTo, TimeProvider? time = null, Action<string, TValue>? removed = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sizeLimit, 1);
        SizeLimit = sizeLimit;
        _time = time ?? TimeProvider.System;
        _keepOnCompaction = (long)(sizeLimit * compactTo);
        _sweepEvery = _time.TimestampFrequency * 60;
        _sweptAt = _time.GetTimestamp();
        _removed = removed;
        _bySpan = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public long SizeLimit { get; }

    public long Size => Volatile.Read(ref _size);

    public int Count => _entries.Count;

    /// <summary>The entry under the key, unless it has expired (then it is removed).</summary>
    public Entry? Get(ReadOnlySpan<char> key)
    {
        if (!_bySpan.TryGetValue(key, out var entry)) return null;
        var now = _time.GetTimestamp();
        if (now >= entry.ExpiresAt)
        {
            Remove(entry);
            return null;
        }
        // Recency is kept to a tenth of a second: a hot entry is not written to on every read.
        if (now - Volatile.Read(ref entry.LastUsed) > _time.TimestampFrequency / 10) Volatile.Write(ref entry.LastUsed, now);
        return entry;
    }

    /// <summary>
    /// The entry under the key these parts make one after another (a prefix and a name; a page's scheme,
    /// host, path…), looked up without building the key string: it is put together on the stack (or in
    /// a rented buffer past 512 characters).
    /// </summary>
    public Entry? Get(params ReadOnlySpan<string> parts)
    {
        var length = 0;
        foreach (var part in parts) length += part.Length;
        var rented = length > 512 ? ArrayPool<char>.Shared.Rent(length) : null;
        var key = rented is null ? stackalloc char[length] : rented.AsSpan(0, length);
        try
        {
            var at = 0;
            foreach (var part in parts)
            {
                part.CopyTo(key[at..]);
                at += part.Length;
            }
            return Get(key);
        }
        finally
        {
            if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>The value under the key as it is, expired or not, without counting as a read.</summary>
    public TValue? Peek(string key) => _entries.TryGetValue(key, out var entry) ? entry.Value : null;

    /// <summary>Whole seconds since the entry was stored, by the cache's monotonic clock (never negative).</summary>
    public long AgeSeconds(Entry entry) => Math.Max(0, (_time.GetTimestamp() - entry.StoredAt) / _time.TimestampFrequency);

    /// <summary>
    /// Stores the value (replacing any under the key) unless that would go past the limit; then it is
    /// not stored, the least recently used entries are removed in the background, and this returns false.
    /// </summary>
    public bool Set(string key, TValue value, long size, TimeSpan lifetime)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var now = _time.GetTimestamp();
        if (now - Volatile.Read(ref _sweptAt) >= _sweepEvery) CompactSoon();
        if (Size + size > SizeLimit)
        {
            CompactSoon();
            return false;
        }
        var entry = new Entry(key, value, size, now, now + (long)(lifetime.TotalSeconds * _time.TimestampFrequency));
        while (true)
        {
            if (_entries.TryGetValue(key, out var old))
            {
                if (!_entries.TryUpdate(key, entry, old)) continue;
                Interlocked.Add(ref _size, size - old.Size);
                _removed?.Invoke(key, old.Value);
                return true;
            }
            if (_entries.TryAdd(key, entry))
            {
                Interlocked.Add(ref _size, size);
                return true;
            }
        }
    }

    public void Remove(string key)
    {
        if (_entries.TryRemove(key, out var entry)) Removed(entry);
    }

    public void Clear()
    {
        foreach (var (_, entry) in _entries) Remove(entry);
    }

    /// <summary>Removes this entry if it is still the one stored under its key.</summary>
    private void Remove(Entry entry)
    {
        if (_entries.TryRemove(new KeyValuePair<string, Entry>(entry.Key, entry))) Removed(entry);
    }

    private void Removed(Entry entry)
    {
        Interlocked.Add(ref _size, -entry.Size);
        _removed?.Invoke(entry.Key, entry.Value);
    }

    /// <summary>Starts a compaction in the background unless one is running.</summary>
    private void CompactSoon()
    {
        if (Interlocked.CompareExchange(ref _compacting, 1, 0) != 0) return;
        ThreadPool.UnsafeQueueUserWorkItem(static cache => cache.Compact(), this, preferLocal: false);
    }

    /// <summary>
    /// Removes expired entries, then, if the cache is fuller than it is compacted to, the least recently
    /// used until it is not.
    /// </summary>
    internal void Compact()
    {
        try
        {
            var now = _time.GetTimestamp();
            Volatile.Write(ref _sweptAt, now);
            var all = new Entry[_entries.Count + 16];
            var count = 0;
            foreach (var (_, entry) in _entries)
            {
                if (now >= entry.ExpiresAt) Remove(entry);
                else if (count < all.Length) all[count++] = entry;
            }
            if (Size <= _keepOnCompaction) return;
            // Sorted by a copy of each entry's recency: reads keep changing it while this runs.
            var lastUsed = new long[count];
            for (var i = 0; i < count; i++) lastUsed[i] = Volatile.Read(ref all[i].LastUsed);
            Array.Sort(lastUsed, all, 0, count);
            for (var i = 0; i < count && Size > _keepOnCompaction; i++) Remove(all[i]);
        }
        finally
        {
            Volatile.Write(ref _compacting, 0);
        }
    }
}
