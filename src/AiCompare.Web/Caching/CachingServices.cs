using Microsoft.AspNetCore.ResponseCompression;

namespace AiCompare.Web.Caching;

/// <summary>
/// The caching services and the two ways a page opts in: <see cref="PublicCacheAttribute"/> on a Razor
/// Page, <see cref="CachePublic"/> on an endpoint; <see cref="TagCache"/> adds tags as a page learns what it shows.
/// </summary>
public static class CachingServices
{
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
        // Starts listening to the writes' change feed when the site starts.
        services.AddHostedService(sp => sp.GetRequiredService<CacheEvictor>());
        // On PostgreSQL, takes the other nodes' changes to the same feed (after the evictor listens to it).
        services.AddSingleton<ChangeListener>();
        services.AddHostedService(sp => sp.GetRequiredService<ChangeListener>());

        // The framework's output cache, used only with Caching:Store=OutputCache (see RequestPipeline).
        services.AddOutputCache();
        services.AddOptions<Microsoft.AspNetCore.OutputCaching.OutputCacheOptions>()
            .Configure<Microsoft.Extensions.Options.IOptions<CachingOptions>>((o, caching) =>
            {
                o.AddBasePolicy(new PublicPagePolicy());
                o.SizeLimit = Math.Max(1, caching.Value.SizeLimitMB) * 1024L * 1024;
                o.MaximumBodySize = PageCache.MaxBodySize;
                o.DefaultExpirationTimeSpan = PageCache.Lifetime;
            });
        services.AddHostedService<OutputCacheEvictor>();
        return services;
    }

    /// <summary>Keeps an endpoint's successful GET responses in the page cache, tagged with <paramref name="tags"/>.</summary>
    public static TBuilder CachePublic<TBuilder>(this TBuilder endpoint, params string[] tags)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new PublicCacheAttribute { Tags = tags });

    /// <summary>Adds tags to the current response's cache entry (no-op when it is not being cached).</summary>
    public static void TagCache(this HttpContext context, params string[] tags)
    {
        context.Features.Get<PageCacheFeature>()?.Tags.AddRange(tags);
        if (context.Features.Get<Microsoft.AspNetCore.OutputCaching.IOutputCacheFeature>() is { } output)
        {
            foreach (var tag in tags) output.Context.Tags.Add(tag);
        }
    }

    /// <summary>
    /// The encoding the compression middleware will choose for this request (<c>br</c>, <c>gzip</c> or
    /// empty), asked of the middleware's own provider, so that cache entries vary by what is actually
    /// sent, not by the raw header's spelling.
    /// </summary>
    public static string NegotiatedEncoding(this IResponseCompressionProvider compression, HttpContext context) =>
        compression.GetCompressionProvider(context)?.EncodingName ?? "";
}
