using System.Text.Encodings.Web;
using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Caching;
using AiCompare.Web.Pages.Shared.SiteLayout;
using AiCompare.Web.Pages.Votes;

namespace AiCompare.Web.Pages.Compare.Pair;

/// <summary>
/// The "X vs Y" page, <c>/compare/{a}-vs-{b}</c> in either order, read in the order of its URL: a minimal endpoint
/// rendering the <see cref="Pair"/> slice. It is the page a never-requested pair renders on its first
/// request, for billions of pairs, so it skips the MVC machinery (view lookup, page activation, filters,
/// model binding). Every other page is a Razor Page; both share the one layout,
/// <c>Pages/Shared/SiteLayout/Layout.cshtml</c>.
/// </summary>
public static class PairEndpoint
{
    public static void MapComparePair(this IEndpointRouteBuilder app) =>
        app.MapMethods("/compare/{pair}", [HttpMethods.Get, HttpMethods.Head], RenderAsync)
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

        var (a, b) = (resolution.A!, resolution.B!);
        // The tallies come from the live board, not the snapshot: a vote evicts neither page nor snapshot.
        var tallies = await services.GetRequiredService<TallyBoard>().GetAsync([a.Tool.Slug, b.Tool.Slug]);
        (a, b) = (WithTally(a, tallies), WithTally(b, tallies));
        var voted = VoteNotice.Read(context, a.Tool, b.Tool);
        context.TagCache(CacheTags.Tool(a.Tool.Slug), CacheTags.Tool(b.Tool.Slug), CacheTags.Category(a.Tool.CategorySlug), CacheTags.Category(b.Tool.CategorySlug), CacheTags.Critics);
        var cache = services.GetRequiredService<ToolReadModel>();
        var scorecard = Comparison.Scorecard(await cache.PanelAsync(), a.Tool.Id, b.Tool.Id, [.. a.Reviews, .. b.Reviews]);
        var path = "/compare/" + resolution.Target;
        var view = new PairView(
            PageFrame.For(context, $"{a.Tool.Name} vs {b.Tool.Name}", readerExtras: true, "/compare/" + resolution.Canonical),
            a,
            b,
            path,
            scorecard,
            Comparison.WhereTheyDisagree(scorecard)?.Describe(a.Tool.Name, b.Tool.Name),
            WorkloadForm.Read(request.Query),
            await SuggestAsync(cache, a.Tool, b.Tool)) { Voted = voted };
        await WriteAsync(context, Pair.Create(view));
    }

    private static ToolSnapshot WithTally(ToolSnapshot snapshot, IReadOnlyDictionary<string, CommunityTally> tallies) =>
        tallies.TryGetValue(snapshot.Tool.Slug, out var tally) && tally != snapshot.Community ? snapshot with { Community = tally } : snapshot;

    private static async Task WriteAsync(HttpContext context, RazorSlices.RazorSlice slice)
    {
        var response = context.Response;
        response.ContentType = "text/html; charset=utf-8";
        // The page is rendered into memory and sent in one write: a slice flushes its pipe as it goes,
        // and every flush that reached the compression stream ended a Brotli block (the page grew by
        // 1 KB). When the body already is the page cache's buffer, the page is written straight into
        // its array (no pipe segments of its own, no copy).
        var body = response.Body as PooledBuffer;
        using var own = body is null ? new PooledBuffer() : null;
        var page = body ?? own!;
        var writer = new PooledBufferWriter(page);
        // The site's encoder (it lets Unicode through as Razor Pages do), not the slice default.
        await slice.RenderAsync(writer, context.RequestServices.GetRequiredService<HtmlEncoder>(), context.RequestAborted);
        await writer.CompleteAsync();
        if (own is not null) await response.Body.WriteAsync(own.Written, context.RequestAborted);
    }

    /// <summary>Each tool against up to three of its category's newest tools (not this pair's), each pair once.</summary>
    private static async Task<IReadOnlyList<SuggestedPair>> SuggestAsync(ToolReadModel cache, Tool a, Tool b)
    {
        var others = new List<SuggestedPair>(6);
        foreach (var tool in (Tool[])[a, b])
        {
            var taken = 0;
            foreach (var other in await cache.NewestAsync(tool.CategorySlug))
            {
                if (taken == 3) break;
                if (other.Slug == a.Slug || other.Slug == b.Slug) continue;
                taken++;
                var suggestion = SuggestedPair.Of(tool.Slug, tool.Name, other.Slug, other.Name);
                if (!Contains(others, suggestion)) others.Add(suggestion);
            }
        }
        return others;

        // A loop, not List.Exists with a lambda: no closure per suggestion on every page.
        static bool Contains(List<SuggestedPair> pairs, SuggestedPair pair)
        {
            foreach (var p in pairs)
            {
                if (p.SlugA == pair.SlugA && p.SlugB == pair.SlugB) return true;
            }
            return false;
        }
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
