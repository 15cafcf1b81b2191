using System.Text.Encodings.Web;
using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Caching;
using AiCompare.Web.Pages.Shared.SiteLayout;

namespace AiCompare.Web.Pages.Compare.Pair;

/// <summary>
/// The "X vs Y" page, <c>/compare/{a}-vs-{b}</c> in either order, read in the order of its URL: a minimal endpoint
/// writing <see cref="PairPage"/> (or, for a path that names no pair, the <see cref="PairNotFound"/> slice).
/// It is the page a never-requested pair renders on its first request, for billions of pairs, so it skips
/// the MVC machinery (view lookup, page activation, filters, model binding); a plain GET of a found pair
/// is written by the page cache's middleware before it even gets here. Every other page is a Razor Page;
/// all share the one layout, <c>Pages/Shared/SiteLayout/Layout.cshtml</c>.
/// </summary>
public static class PairEndpoint
{
    /// <summary>The endpoint's route pattern.</summary>
    public const string Route = "/compare/{pair}";

    public static void MapComparePair(this IEndpointRouteBuilder app) =>
        app.MapMethods(Route, [HttpMethods.Get, HttpMethods.Head], RenderAsync)
            .WithMetadata(new PublicCacheAttribute());

    private static async Task RenderAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var request = context.Request;
        var pair = (string)request.RouteValues["pair"]!;
        var resolution = await services.GetRequiredService<PairResolver>().ResolveAsync(pair);
        switch (resolution.Outcome)
        {
            case PairOutcome.NotFound:
                var missing = await MissingAsync(services.GetRequiredService<CatalogRepository>(), pair.ToLowerInvariant(), resolution);
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                await WriteAsync(context, PairNotFound.Create(new PairNotFoundView(PageFrame.For(context, "Comparison not found", readerExtras: true), missing)));
                return;
            case PairOutcome.RedirectTool:
                context.Response.Redirect(request.PathBase + "/tools/" + resolution.Target, permanent: true);
                return;
            case PairOutcome.RedirectPair:
                context.Response.Redirect(request.PathBase + "/compare/" + resolution.Target, permanent: true);
                return;
        }

        var page = services.GetRequiredService<PairPage>();
        var view = await page.ViewAsync(context, resolution);
        await WriteAsync(context, body => page.WriteAsync(view, body));
    }

    private static Task WriteAsync(HttpContext context, RazorSlices.RazorSlice slice) =>
        WriteAsync(context, async body =>
        {
            var writer = new PooledBufferWriter(body);
            // The site's encoder (it lets Unicode through as Razor Pages do), not the slice default.
            await slice.RenderAsync(writer, context.RequestServices.GetRequiredService<HtmlEncoder>(), context.RequestAborted);
            await writer.CompleteAsync();
        });

    private static async Task WriteAsync(HttpContext context, Func<PooledBuffer, ValueTask> write)
    {
        var response = context.Response;
        response.ContentType = PairPage.ContentType;
        // The page is written into memory and sent in one write: every flush that reached the compression
        // stream would end a Brotli block. When the body already is the page cache's buffer, the page is
        // written straight into its array (no copy).
        var body = response.Body as PooledBuffer;
        using var own = body is null ? new PooledBuffer() : null;
        await write(body ?? own!);
        if (own is not null) await response.Body.WriteAsync(own.Written, context.RequestAborted);
    }

    /// <summary>What the reader most likely meant by each side: the leftmost split, or the text around "-vs-".</summary>
    private static async Task<MissingPair> MissingAsync(CatalogRepository catalog, string typed, PairResolution resolution)
    {
        var found = resolution.Found;
        var (left, right) = resolution.Splits.Count > 0 ? resolution.Splits[0] : SplitLoosely(typed);
        var unknown = new[] { left, right }.Where(s => s.Length > 0 && !found.ContainsKey(s)).Distinct(StringComparer.Ordinal).ToList();
        var prefixes = unknown.Select(s => s.Length > 3 ? s[..3] : s).Where(Slug.IsValid).ToList();
        var candidates = await catalog.FindByPrefixesAsync(prefixes);
        var suggestions = unknown
            .SelectMany(s => Suggestions.Closest(s, candidates, c => c.Slug))
            .DistinctBy(c => c.Slug)
            .ToList();
        var known = new[] { left, right }.Where(found.ContainsKey).Select(s => found[s].Tool).Distinct().ToList();
        return new MissingPair(unknown, suggestions, known);
    }

    private static (string, string) SplitLoosely(string typed)
    {
        var at = typed.IndexOf(ComparePath.Separator, StringComparison.Ordinal);
        return at < 0 ? (typed, "") : (typed[..at], typed[(at + ComparePath.Separator.Length)..]);
    }
}
