using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Hashing;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace AiCompare.Web;

/// <summary>A cached response: everything needed to send it again as it was, without running the page.</summary>
public sealed class PageEntry(KeyValuePair<string, StringValues>[] headers, byte[] body, string etag, string[] tags, DateTimeOffset created)
{
    public KeyValuePair<string, StringValues>[] Headers { get; } = headers;
    public byte[] Body { get; } = body;
    public string ETag { get; } = etag;
    public string[] Tags { get; } = tags;
    public DateTimeOffset Created { get; } = created;
}

/// <summary>Set on a request whose response may be cached: when it started, and the tags the page adds.</summary>
public sealed class PageCacheFeature(long startedAt)
{
    public long StartedAt { get; } = startedAt;
    public List<string> Tags { get; } = [];
}

/// <summary>
/// The page cache: finished public responses (headers and bytes, one entry per scheme, host, path, query
/// and negotiated encoding), bounded in bytes (<c>Caching:SizeLimitMB</c>, default 256; least recently
/// used go first), expiring after <see cref="Caching.Lifetime"/>, and evicted by tag. ASP.NET Core's
/// output cache was measured first: its per-hit policy evaluation, key building and entry
/// deserialisation held cached pages to about 70% of the bare-server ceiling. The store is a concurrent
/// dictionary looked up by a key built on the stack, so a hit allocates nothing and costs one lookup:
/// measured, <c>MemoryCache</c>'s extra work per hit (its clock, statistics, expiration checks, a key
/// string per request) was what stretched cached pages' p99 latency to 2–3 times the bare server's
/// (see README, "Cached p99").
/// While the cache has room every page is stored on its first request (the second is a hit). Once it
/// is nearly full, a page is stored only on its second request within a while (a "doorkeeper", as in
/// TinyLFU): a catalog of N tools has N(N-1)/2 pages, most asked for once, and storing each of those
/// would churn the cache (and the garbage collector) without ever serving a hit.
/// </summary>
public sealed class PageCache
{
    public const int MaxBodySize = 1024 * 1024;
    private const int EntryOverhead = 1024;

    private readonly BoundedCache<PageEntry> _entries;
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _tags = new(StringComparer.Ordinal);
    private readonly int[] _seen = new int[1 << 20];
    private volatile bool _guarded;

    public PageCache(IConfiguration configuration, TimeProvider? time = null)
    {
        Enabled = configuration.GetValue("Caching:Pages", true);
        var megabytes = configuration.GetValue("Caching:SizeLimitMB", 256);
        if (Enabled && megabytes < 1) throw new InvalidOperationException($"Caching:SizeLimitMB must be at least 1 (got {megabytes}); set Caching:Pages to false to turn the page cache off.");
        SizeLimit = Math.Max(1, megabytes) * 1024L * 1024;
        // A full cache is compacted by a tenth, least recently used first.
        _entries = new BoundedCache<PageEntry>(SizeLimit, compactTo: 0.9, time, Unindex);
    }

    /// <summary>False when caching is switched off (<c>Caching:Pages=false</c>): every request renders.</summary>
    public bool Enabled { get; }

    public long SizeLimit { get; }

    public int Count => _entries.Count;

    /// <summary>Bytes held now (bodies plus an allowance for headers and the key).</summary>
    public long Size => _entries.Size;

    /// <summary>
    /// Whether a freshly rendered page should be stored: always until the cache first reaches 90% of its
    /// limit; from then on only if the same key was offered recently, until evictions bring it below half
    /// (an edit that clears the site, say). The gap matters: a full cache compacts itself by a tenth, and
    /// a doorkeeper that opened again below 90% would let every new page in, then compact, over and over,
    /// which is exactly the churn it exists to stop. The doorkeeper is a fixed table of key fingerprints
    /// (4 MB): a collision only stores or skips one page more or less.
    /// </summary>
    public bool Admit(string key)
    {
        var size = Size;
        if (_guarded && size < SizeLimit / 2) _guarded = false;
        else if (!_guarded && size >= SizeLimit / 10 * 9) _guarded = true;
        if (!_guarded) return true;
        var hash = StringComparer.Ordinal.GetHashCode(key);
        ref var slot = ref _seen[(uint)hash % (uint)_seen.Length];
        var fingerprint = hash | 1; // never 0, the empty slot
        if (Volatile.Read(ref slot) == fingerprint) return true;
        Volatile.Write(ref slot, fingerprint);
        return false;
    }

    /// <summary>The entry stored under the key, unless it has expired.</summary>
    public BoundedCache<PageEntry>.Entry? Get(ReadOnlySpan<char> key) => _entries.Get(key);

    /// <summary>The entry under the key these parts make, looked up without building it (see <see cref="BoundedCache{TValue}.Get(ReadOnlySpan{string})"/>).</summary>
    public BoundedCache<PageEntry>.Entry? Get(params ReadOnlySpan<string> parts) => _entries.Get(parts);

    /// <summary>Whole seconds since the entry was stored (never negative, whatever the wall clock does).</summary>
    public long AgeSeconds(BoundedCache<PageEntry>.Entry entry) => _entries.AgeSeconds(entry);

    /// <summary>Stores an entry (unless the cache is full: see <see cref="BoundedCache{TValue}.Set"/>) and indexes it under its tags.</summary>
    public void Store(string key, PageEntry entry)
    {
        if (!_entries.Set(key, entry, entry.Body.Length + EntryOverhead + key.Length * sizeof(char), Caching.Lifetime)) return;
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
        foreach (var tag in removed.Tags)
        {
            if (_tags.TryGetValue(tag, out var keys)) keys.TryRemove(key, out _);
            if (_entries.Peek(key) is { } current && Array.IndexOf(current.Tags, tag) >= 0) Index(tag, key);
        }
    }
}

/// <summary>
/// First in the pipeline after the request log, for GET and HEAD (admin pages excepted). A cached page is sent straight from
/// memory, or answered 304 when If-None-Match carries its ETag. Otherwise the response is buffered, and
/// if it is a 200: it gets a weak ETag (a hash of the bytes sent), Last-Modified and, unless the page set
/// its own, a Cache-Control a CDN can use; a 304 if the client already has it; and, when the endpoint
/// is marked <see cref="PublicCacheAttribute"/>, sets no cookie and is not overtaken by an eviction
/// (see <see cref="EvictionClock"/>), it is kept for the next request.
/// </summary>
public sealed class PageCacheMiddleware(RequestDelegate next, PageCache cache, EvictionClock clock, IResponseCompressionProvider compression)
{
    private static readonly HashSet<string> NotStored = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.Date, HeaderNames.Server, HeaderNames.SetCookie, HeaderNames.Age, HeaderNames.TransferEncoding, HeaderNames.ContentLength,
    };

    private readonly ConcurrentDictionary<string, string> _encodings = new(StringComparer.Ordinal);

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var head = HttpMethods.IsHead(request.Method);
        if (!head && !HttpMethods.IsGet(request.Method)
            || request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase)) return next(context);

        if (!cache.Enabled || !StringValues.IsNullOrEmpty(request.Headers.Authorization)) return RenderAsync(context, null);

        // Scheme and host are part of the key: without Site:BaseUrl, pages write absolute URLs
        // (canonical, share and embed links) from them (see SiteOrigin), so a request with a forged Host
        // must never fill the entry others get. Case-sensitive on purpose: uppercase URLs answer 301 to
        // the lowercase ones. Looked up in parts: a hit allocates no key string.
        ReadOnlySpan<string> key = [request.Scheme, "://", request.Host.Value ?? "", request.Path.Value ?? "", request.QueryString.Value ?? "", "\n", Encoding(context)];
        if (cache.Get(key) is { } hit) return ServeAsync(context, hit.Value, cache.AgeSeconds(hit), head);
        return RenderAsync(context, head ? null : string.Concat(key));
    }

    private static Task ServeAsync(HttpContext context, PageEntry entry, long age, bool head)
    {
        var response = context.Response;
        var headers = response.Headers;
        if (NotModified(context.Request.Headers, entry))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            headers.ETag = entry.ETag;
            headers.CacheControl = Find(entry, HeaderNames.CacheControl);
            headers.Vary = Find(entry, HeaderNames.Vary);
            return Task.CompletedTask;
        }
        foreach (var header in entry.Headers) headers[header.Key] = header.Value;
        headers.Age = Age(age);
        response.ContentLength = entry.Body.Length;
        // No cancellation token: a write to a connection that has gone completes without sending.
        return head ? Task.CompletedTask : response.Body.WriteAsync(entry.Body).AsTask();
    }

    /// <summary>Age header values, made once for every age an entry can have.</summary>
    private static readonly string[] Ages = [.. Enumerable.Range(0, (int)Caching.Lifetime.TotalSeconds + 2).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    private static string Age(long seconds) =>
        seconds < Ages.Length ? Ages[seconds] : seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task RenderAsync(HttpContext context, string? key)
    {
        var feature = key is null ? null : new PageCacheFeature(clock.Now);
        if (feature is not null) context.Features.Set(feature);
        var response = context.Response;
        var original = response.Body;
        using var buffer = new PooledBuffer();
        response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = original;
            context.Features.Set<PageCacheFeature?>(null);
        }
        var body = buffer.Written;
        if (response.HasStarted)
        {
            // Something flushed headers already: send the bytes as they are.
            await original.WriteAsync(body, context.RequestAborted);
            return;
        }

        var headers = response.Headers;
        var cacheControl = headers.CacheControl.ToString();
        var shareable = response.StatusCode == StatusCodes.Status200OK
            && StringValues.IsNullOrEmpty(headers.SetCookie)
            && !cacheControl.Contains("no-store", StringComparison.OrdinalIgnoreCase)
            && !cacheControl.Contains("private", StringComparison.OrdinalIgnoreCase);
        if (!shareable || !StringValues.IsNullOrEmpty(headers.ETag))
        {
            // Errors, redirects, per-reader answers and static files (which carry their own validators).
            if (body.Length > 0) await original.WriteAsync(body, context.RequestAborted);
            return;
        }

        var etag = "W/\"" + System.Buffers.Text.Base64Url.EncodeToString(XxHash128.Hash(body.Span)) + "\"";
        headers.ETag = etag;
        var now = DateTimeOffset.UtcNow;
        headers.LastModified = HeaderUtilities.FormatDate(now);
        if (cacheControl.Length == 0) headers.CacheControl = Caching.CacheControl;
        if (Matches(context.Request.Headers.IfNoneMatch, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            response.ContentLength = null;
            return;
        }
        response.ContentLength = body.Length;
        // Starting the response runs the OnStarting callbacks (security headers), so the stored headers are those sent.
        await response.StartAsync(context.RequestAborted);
        if (feature is not null && key is not null && body.Length <= PageCache.MaxBodySize
            && context.GetEndpoint()?.Metadata.GetMetadata<PublicCacheAttribute>() is { } opted
            && cache.Admit(key))
        {
            Store(key, feature, opted, headers, body.ToArray(), etag, now);
        }
        await original.WriteAsync(body, context.RequestAborted);
    }

    private void Store(string key, PageCacheFeature feature, PublicCacheAttribute opted, IHeaderDictionary headers, byte[] body, string etag, DateTimeOffset created)
    {
        var stored = headers.Where(h => !NotStored.Contains(h.Key)).ToArray();
        string[] tags = [.. feature.Tags.Concat(opted.Tags).Distinct(StringComparer.Ordinal)];
        cache.Store(key, new PageEntry(stored, body, etag, tags, created));
        // Checked after storing, so that an eviction racing with the store either finds the entry or
        // is seen here: a page rendered from data read before a change is never left in the cache.
        if (tags.Any(tag => clock.EvictedSince(tag, feature.StartedAt))) cache.Remove(key);
    }

    /// <summary>The negotiated encoding for the request's Accept-Encoding, remembered for the few values browsers send.</summary>
    private string Encoding(HttpContext context)
    {
        var acceptEncoding = context.Request.Headers.AcceptEncoding.ToString();
        if (acceptEncoding.Length == 0) return "";
        if (_encodings.TryGetValue(acceptEncoding, out var known)) return known;
        var negotiated = compression.NegotiatedEncoding(context);
        if (_encodings.Count < 1_000) _encodings.TryAdd(acceptEncoding, negotiated);
        return negotiated;
    }

    /// <summary>
    /// If-None-Match decides when sent (RFC 9110 13.1.3); otherwise If-Modified-Since, against the time
    /// the entry was made (its Last-Modified: every change evicts it, so it has not changed since).
    /// </summary>
    private static bool NotModified(IHeaderDictionary request, PageEntry entry)
    {
        if (!StringValues.IsNullOrEmpty(request.IfNoneMatch)) return Matches(request.IfNoneMatch, entry.ETag);
        var since = request.IfModifiedSince.ToString();
        return since.Length > 0
            && HeaderUtilities.TryParseDate(since, out var date)
            && entry.Created.ToUnixTimeSeconds() <= date.ToUnixTimeSeconds();
    }

    private static StringValues Find(PageEntry entry, string name)
    {
        foreach (var header in entry.Headers)
        {
            if (header.Key.Equals(name, StringComparison.OrdinalIgnoreCase)) return header.Value;
        }
        return StringValues.Empty;
    }

    private static bool Matches(StringValues ifNoneMatch, string etag)
    {
        if (StringValues.IsNullOrEmpty(ifNoneMatch)) return false;
        foreach (var value in ifNoneMatch)
        {
            if (value is null) continue;
            foreach (var candidate in value.Split(','))
            {
                var tag = candidate.Trim();
                // Weak comparison (RFC 9110 13.1.2): W/"x" matches "x".
                if (tag == "*" || tag == etag || "W/" + tag == etag) return true;
            }
        }
        return false;
    }
}

/// <summary>A write-only stream over pooled arrays: a page is buffered without allocating per request.</summary>
internal sealed class PooledBuffer : Stream
{
    private byte[] _array = ArrayPool<byte>.Shared.Rent(32 * 1024);
    private int _length;
    private int _position;

    public ReadOnlyMemory<byte> Written => _array.AsMemory(0, _length);

    public override bool CanRead => false;
    // Seekable so that HttpResponse.Clear() (the exception handler's) truncates it with SetLength(0): an
    // error page must not be appended to half a page. Seeking works as on any stream, within what is written.
    public override bool CanSeek => true;
    public override bool CanWrite => true;
    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, _length);
            _position = (int)value;
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var end = _position + buffer.Length;
        if (end > _array.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_array.Length * 2, end));
            _array.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_array);
            _array = larger;
        }
        buffer.CopyTo(_array.AsSpan(_position));
        _position = end;
        _length = Math.Max(_length, end);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override void Flush() { }
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => _length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        return _position;
    }

    /// <summary>Truncates (only): a page buffer never grows by anything but writing.</summary>
    public override void SetLength(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, _length);
        _length = (int)value;
        _position = Math.Min(_position, _length);
    }

    protected override void Dispose(bool disposing)
    {
        if (_array.Length > 0) ArrayPool<byte>.Shared.Return(_array);
        _array = [];
        base.Dispose(disposing);
    }
}
