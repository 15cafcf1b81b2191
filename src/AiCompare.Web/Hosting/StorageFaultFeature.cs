using System.Globalization;
using AiCompare.Data;

namespace AiCompare.Web.Hosting;

/// <summary>
/// Set on a request whose write met a storage fault: the error page and the admin layout read it to say
/// what was not saved and why.
/// </summary>
public sealed record StorageFaultFeature(StorageFaultKind Kind)
{
    /// <summary>"Not saved: the site's storage is full just now. …"</summary>
    public string Message => "Not saved: " + StorageFault.Message(Kind);

    /// <summary>Marks the response: the feature, 503's <c>Retry-After</c>, and no caching.</summary>
    public static StorageFaultFeature Apply(HttpContext context, StorageFaultKind kind)
    {
        var feature = new StorageFaultFeature(kind);
        context.Features.Set(feature);
        context.Response.Headers.RetryAfter = StorageFault.RetryAfterSeconds(kind).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";
        return feature;
    }
}
