using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Hashing;
using AiCompare.Web.Hosting.Metrics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.ResponseCompression;
using AiCompare.Web.Hosting;
using AiCompare.Web.Pages.Compare.Pair;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace AiCompare.Web.Caching;

/// <summary>
/// First in the pipeline after the request log, for GET and HEAD (admin pages excepted). A cached page is sent straight from
/// memory, or answered 304 when If-None-Match carries its ETag. Otherwise the response is buffered, and
/// if it is a 200: it gets a weak ETag (a hash of the bytes sent), Last-Modified and, unless the page set
/// its own, a Cache-Control a CDN can use; a 304 if the client already has it; and, when the endpoint
/// is marked <see cref="PublicCacheAttribute"/>, sets no cookie and is not overtaken by an eviction
/// (see <see cref="EvictionClock"/>), it is kept for the next request. A plain GET of a comparison it does
/// not hold is written here, before the rest of the pipeline (<see cref="PairPage"/>, <see cref="CachingOptions.PairFastPath"/>).
/// </summary>
public sealed class PageCacheMiddleware(
    RequestDelegate next,
    PageCache cache,
    EvictionClock clock,
    IResponseCompressionProvider compression,
    PairPage pairs,
    SecurityHeaders security,
    IOptions<CachingOptions> options,
    EndpointDataSource endpoints,
    ILogger<PageCacheMiddleware> logger,
    SiteMetrics? metrics = null)
{
    private readonly bool _pairFastPath = options.Value.PairFastPath;
    private Endpoint? _pairEndpoint;

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

        var fast = _pairFastPath && PairPage.Takes(request);
        if (!cache.Enabled || !StringValues.IsNullOrEmpty(request.Headers.Authorization)) return RenderAsync(context, null, fast);

        // Scheme and host are part of the key: without Site:BaseUrl, pages write absolute URLs
        // (canonical, share and embed links) from them (see SiteOrigin), so a request with a forged Host
        // must never fill the entry others get. Case-sensitive on purpose: uppercase URLs answer 301 to
        // the lowercase ones. Looked up in parts: a hit allocates no key string.
        ReadOnlySpan<string> key = [request.Scheme, "://", request.Host.Value ?? "", request.Path.Value ?? "", request.QueryString.Value ?? "", "\n", Encoding(context)];
        // A body already on its way back to the pool (evicted as this was looked up) is a miss.
        if (cache.Get(key) is { } hit && hit.Value.Body.TryAcquire())
        {
            // Counted here only: timing a hit in the framework's request-duration histogram as well costs
            // more than serving it (measured in docs/performance.md, "Metrics on the cache-hit path").
            metrics?.PageCacheHit();
            if (context.Features.Get<IHttpMetricsTagsFeature>() is { } duration) duration.MetricsDisabled = true;
            return ServeAsync(context, hit.Value, cache.AgeSeconds(hit), head);
        }
        return RenderAsync(context, head ? null : string.Concat(key), fast);
    }

    /// <summary>Sends the entry, then releases the reference to its body that the caller acquired.</summary>
    private static Task ServeAsync(HttpContext context, PageEntry entry, long age, bool head)
    {
        var written = Task.CompletedTask;
        try
        {
            written = Send(context, entry, age, head);
        }
        finally
        {
            if (written.IsCompleted) entry.Body.Release();
        }
        return written.IsCompleted ? written : ReleaseAfter(written, entry.Body);

        static async Task ReleaseAfter(Task writing, PageBody body)
        {
            try
            {
                await writing;
            }
            finally
            {
                body.Release();
            }
        }
    }

    private static Task Send(HttpContext context, PageEntry entry, long age, bool head)
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
        return head ? Task.CompletedTask : response.Body.WriteAsync(entry.Body.Memory).AsTask();
    }

    /// <summary>Age header values, made once for every age an entry can have.</summary>
    private static readonly string[] Ages = [.. Enumerable.Range(0, (int)PageCache.Lifetime.TotalSeconds + 2).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    private static string Age(long seconds) =>
        seconds < Ages.Length ? Ages[seconds] : seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task RenderAsync(HttpContext context, string? key, bool fast)
    {
        var feature = key is null ? null : new PageCacheFeature(clock.Now);
        if (feature is not null) context.Features.Set(feature);
        var response = context.Response;
        var original = response.Body;
        using var buffer = new PooledBuffer();
        PooledBuffer? compressed = null;
        PublicCacheAttribute? opted;
        ReadOnlyMemory<byte> body;
        try
        {
            if (fast && await TryWritePairAsync(context, buffer) is (true, var pairCompressed))
            {
                opted = context.GetEndpoint()?.Metadata.GetMetadata<PublicCacheAttribute>();
                compressed = pairCompressed;
                body = compressed?.Written ?? buffer.Written;
            }
            else
            {
                response.Body = buffer;
                await next(context);
                opted = context.GetEndpoint()?.Metadata.GetMetadata<PublicCacheAttribute>();
                body = buffer.Written;
            }
        }
        finally
        {
            response.Body = original;
            context.Features.Set<PageCacheFeature?>(null);
        }
        using var compressedBody = compressed;
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
        // A miss is a page the cache could have answered, not every request it did not (static files, errors).
        if (opted is not null && cache.Enabled) metrics?.PageCacheMiss();

        var etag = "W/\"" + System.Buffers.Text.Base64Url.EncodeToString(XxHash128.Hash(body.Span)) + "\"";
        headers.ETag = etag;
        var now = DateTimeOffset.UtcNow;
        headers.LastModified = HeaderUtilities.FormatDate(now);
        if (cacheControl.Length == 0) headers.CacheControl = PageCache.DefaultCacheControl;
        if (Matches(context.Request.Headers.IfNoneMatch, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            response.ContentLength = null;
            return;
        }
        response.ContentLength = body.Length;
        // Sent first, stored after: the write starts the response, which runs the OnStarting callbacks
        // (security headers), so the stored headers are those sent; and it sends them with the body in one
        // write (starting the response on its own would send the headers in a packet of their own).
        await original.WriteAsync(body, context.RequestAborted);
        if (feature is not null && key is not null && body.Length <= PageCache.MaxBodySize
            && opted is not null
            && cache.Admit(key))
        {
            Store(key, feature, opted, headers, cache.Bodies.Copy(body.Span), etag, now);
        }
    }

    /// <summary>
    /// A found comparison written here, with the headers the pipeline would have given it (security
    /// headers, and compression when the request asks for it, with the same provider), or null for the
    /// pipeline to answer: a redirect or a 404, or any failure (nothing has been sent; the endpoint meets
    /// the same failure and answers it as every error is answered). The compressed copy, when there is
    /// one, is the caller's to dispose.
    /// </summary>
    private async Task<(bool Written, PooledBuffer? Compressed)> TryWritePairAsync(HttpContext context, PooledBuffer page)
    {
        try
        {
            if (!await pairs.TryWriteAsync(context, page)) return (false, null);
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            // The endpoint logs the failure in full when it meets it too; this line says the path gave way.
            logger.LogInformation("The comparison's first-request path could not write {Path} ({Error}); the pipeline answers it", context.Request.Path.Value, e.GetType().Name);
            page.SetLength(0);
            return (false, null);
        }
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = PairPage.ContentType;
        // The comparison endpoint, as routing would have set it: its metadata marks the page public, and
        // the request is timed under its route.
        context.SetEndpoint(_pairEndpoint ??= endpoints.Endpoints.OfType<RouteEndpoint>().Single(e => e.RoutePattern.RawText == PairEndpoint.Route));
        security.Apply(context);
        // As the response compression middleware decides: a request that accepts compression gets a response
        // that varies by Accept-Encoding, compressed when one of the site's encodings is among those accepted.
        if (!compression.CheckRequestAcceptsCompression(context) || !compression.ShouldCompressResponse(context)) return (true, null);
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        if (compression.GetCompressionProvider(context) is not { } provider) return (true, null);
        response.Headers.ContentEncoding = provider.EncodingName;
        var compressed = new PooledBuffer();
        try
        {
            await using (var stream = provider.CreateStream(compressed))
            {
                await stream.WriteAsync(page.Written, context.RequestAborted);
            }
            return (true, compressed);
        }
        catch
        {
            compressed.Dispose();
            throw;
        }
    }

    private void Store(string key, PageCacheFeature feature, PublicCacheAttribute opted, IHeaderDictionary headers, PageBody body, string etag, DateTimeOffset created)
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
