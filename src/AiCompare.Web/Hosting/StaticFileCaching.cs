using Microsoft.Net.Http.Headers;

namespace AiCompare.Web.Hosting;

/// <summary>
/// How long browsers and CDNs keep the static files: a file linked with its content hash (<c>?v=</c>, as
/// the layout links site.css and site.js) never changes at that URL, so it is kept for a year; anything
/// else (the favicon) for a week, so a new one is seen within days.
/// </summary>
public static class StaticFileCaching
{
    public const string Versioned = "public, max-age=31536000, immutable";
    public const string Unversioned = "public, max-age=604800";

    public static StaticFileOptions Options { get; } = new()
    {
        OnPrepareResponse = context =>
            context.Context.Response.Headers[HeaderNames.CacheControl] = context.Context.Request.Query.ContainsKey("v") ? Versioned : Unversioned,
    };
}
