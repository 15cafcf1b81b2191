using AiCompare.Web.Hosting;
using Microsoft.AspNetCore.Html;

namespace AiCompare.Web.Pages.Shared.SiteLayout;

/// <summary>
/// What the site layout (<see cref="Layout"/>) needs of a page: its title, its canonical URL, the
/// versioned asset paths, and whether the reader-facing extras (newsletter signup, bookmarks panel)
/// belong on it. Razor Pages build one in <c>Pages/Shared/_Layout.cshtml</c>; slice pages build their own.
/// </summary>
public sealed record PageFrame(string Title, string Canonical, string BreadcrumbsJson, string CssHref, string JsHref, bool ReaderExtras)
{
    /// <summary>The favicon (wwwroot/favicon.svg) under the path base.</summary>
    public string IconHref { get; init; } = "/favicon.svg";

    /// <summary>The layout's bookmarks panel: not on the bookmarks page, which is that list itself.</summary>
    public bool BookmarksPanel { get; init; } = ReaderExtras;

    /// <summary>When the page was rendered, in Unix seconds: the signup form's <c>t</c>, by which it drops bots that post too fast.</summary>
    public string RenderedAt { get; init; } = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The page's own URL without its query string: the canonical URL, unless the page names another.</summary>
    public string Url { get; init; } = Canonical;

    /// <param name="context">The request.</param>
    /// <param name="title">The page's title, or null for the site's name.</param>
    /// <param name="readerExtras">Whether the newsletter signup and bookmarks panel belong on the page.</param>
    /// <param name="canonicalPath">
    /// The canonical path when the page also answers at another one (a comparison in the reader's order
    /// names the ordinal order); null when the request's path is canonical.
    /// </param>
    public static PageFrame For(HttpContext context, string? title, bool readerExtras, string? canonicalPath = null)
    {
        var request = context.Request;
        // One canonical URL per page: a page answers at its canonical path (others redirect) unless it
        // names its canonical path, so the path without the query string is it.
        // As they appear in a URL (percent-encoded), not as decoded for routing. The root is Site:BaseUrl
        // when set: never the request's Host header, which any client may send (see SiteOrigin).
        var root = context.RequestServices.GetRequiredService<SiteOrigin>().Root(request);
        var url = root + request.Path.ToUriComponent();
        var canonical = canonicalPath is null ? url : root + canonicalPath;
        title ??= "AiCompare";
        // An error page (a 404, a form error, a failure) answers what went wrong and nothing more.
        readerExtras = readerExtras && context.Response.StatusCode < 400;
        var (css, js) = context.RequestServices.GetRequiredService<AssetPaths>().For(request.PathBase);
        return new PageFrame(
            title,
            canonical,
            JsonLd.Breadcrumbs(root + "/", request.Path == "/" ? null : (title, canonical)),
            css,
            js,
            readerExtras)
        {
            Url = url,
            IconHref = request.PathBase + "/favicon.svg",
            BookmarksPanel = readerExtras && !request.Path.StartsWithSegments("/bookmarks", StringComparison.OrdinalIgnoreCase),
        };
    }
}

/// <summary>A Razor Page's rendered body and head section, handed to the site layout by <see cref="MvcPage"/>.</summary>
public sealed record MvcContent(PageFrame Frame, IHtmlContent Body, IHtmlContent? Head);
