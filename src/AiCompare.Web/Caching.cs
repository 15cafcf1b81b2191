using System.Security.Cryptography;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;

namespace AiCompare.Web;

/// <summary>
/// Public pages are served from an in-memory output cache, tagged with what they show, and evicted
/// precisely when that changes: <c>tool:{slug}</c>, <c>category:{slug}</c>, <c>critics</c>, <c>lists</c>
/// (pages that list many tools) and <c>site</c> (everything). Responses carry a weak ETag and
/// CDN-friendly Cache-Control; text is compressed (never admin pages, whose tokens BREACH could target).
/// </summary>
public static class Caching
{
    public const string Policy = "public";
    public const string Site = "site";
    public const string Lists = "lists";
    public const string Critics = "critics";

    public static string Tool(string slug) => "tool:" + slug;

    public static string Category(string slug) => "category:" + slug;

    public static IServiceCollection AddCaching(this IServiceCollection services)
    {
        services.AddOutputCache(o =>
        {
            // Uppercase URLs answer 301 to the lowercase ones, so they must not share a cache entry.
            o.UseCaseSensitivePaths = true;
            o.SizeLimit = 256L * 1024 * 1024;
            o.MaximumBodySize = 1024 * 1024;
            o.AddPolicy(Policy, b => b.Expire(TimeSpan.FromMinutes(10)).SetVaryByQuery("*").Tag(Site));
        });
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

    /// <summary>Adds tags to the current response's cache entry (no-op when it is not cached).</summary>
    public static void TagCache(this HttpContext context, params string[] tags)
    {
        if (context.Features.Get<IOutputCacheFeature>() is { } feature)
        {
            foreach (var tag in tags) feature.Context.Tags.Add(tag);
        }
    }
}

/// <summary>Evicts the cached pages that show what just changed.</summary>
public sealed class CacheEvictor(IOutputCacheStore store)
{
    /// <summary>A tool's fields or reviews changed (or it was renamed, published, unpublished).</summary>
    public async Task ToolChangedAsync(IEnumerable<string> slugs, IEnumerable<string> categorySlugs)
    {
        foreach (var slug in slugs.Distinct(StringComparer.Ordinal)) await store.EvictByTagAsync(Caching.Tool(slug), default);
        foreach (var category in categorySlugs.Distinct(StringComparer.Ordinal)) await store.EvictByTagAsync(Caching.Category(category), default);
        await store.EvictByTagAsync(Caching.Lists, default);
    }

    /// <summary>A vote changed a tool's community tally: its pages and its category's ranking.</summary>
    public async Task VotedAsync(string slug, string? categorySlug)
    {
        await store.EvictByTagAsync(Caching.Tool(slug), default);
        if (categorySlug is not null) await store.EvictByTagAsync(Caching.Category(categorySlug), default);
    }

    public async Task CriticsChangedAsync()
    {
        await store.EvictByTagAsync(Caching.Critics, default);
        await store.EvictByTagAsync(Caching.Lists, default);
    }

    public Task NewsletterChangedAsync() => store.EvictByTagAsync("newsletter", default).AsTask();

    public Task EverythingAsync() => store.EvictByTagAsync(Caching.Site, default).AsTask();
}

/// <summary>
/// For successful public GETs: a weak ETag over the body (304 when it matches If-None-Match) and a
/// Cache-Control a CDN can use. Responses that set a cookie, and /admin, are left alone.
/// </summary>
public sealed class ETagMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
            || context.Request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        var response = context.Response;
        var cacheControl = response.Headers.CacheControl.ToString();
        var cacheable = response.StatusCode == StatusCodes.Status200OK
            && !response.Headers.ContainsKey("Set-Cookie")
            && !cacheControl.Contains("no-store", StringComparison.OrdinalIgnoreCase)
            && !cacheControl.Contains("private", StringComparison.OrdinalIgnoreCase);
        if (cacheable)
        {
            var etag = "W/\"" + Convert.ToBase64String(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length))[..12]) + "\"";
            response.Headers.ETag = etag;
            if (cacheControl.Length == 0) response.Headers.CacheControl = "public, max-age=60, s-maxage=300, stale-while-revalidate=60";
            if (context.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*")))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentLength = null;
                return;
            }
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }
}
