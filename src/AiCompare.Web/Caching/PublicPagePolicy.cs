using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;

namespace AiCompare.Web.Caching;

/// <summary>
/// The framework's output cache held to the page cache's rules, for <c>Caching:Store=OutputCache</c>:
/// only endpoints marked <see cref="PublicCacheAttribute"/>, GET and HEAD without an Authorization header,
/// one entry per scheme, host, path, query and Accept-Encoding, tagged like the page cache's entries, and
/// only 200 responses that set no cookie and are not private.
/// </summary>
public sealed class PublicPagePolicy : IOutputCachePolicy
{
    /// <summary>On every entry, so that a change that may touch any page evicts them all.</summary>
    public const string Everything = "everything";

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var request = http.Request;
        var opted = http.GetEndpoint()?.Metadata.GetMetadata<PublicCacheAttribute>();
        var cacheable = opted is not null
            && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && StringValues.IsNullOrEmpty(request.Headers.Authorization);
        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = PageCache.Lifetime;
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.HeaderNames = new StringValues("Accept-Encoding");
        if (opted is not null)
        {
            context.Tags.Add(Everything);
            foreach (var tag in opted.Tags) context.Tags.Add(tag);
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        var cacheControl = response.Headers.CacheControl.ToString();
        if (response.StatusCode != StatusCodes.Status200OK
            || !StringValues.IsNullOrEmpty(response.Headers.SetCookie)
            || cacheControl.Contains("no-store", StringComparison.OrdinalIgnoreCase)
            || cacheControl.Contains("private", StringComparison.OrdinalIgnoreCase))
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }
}
