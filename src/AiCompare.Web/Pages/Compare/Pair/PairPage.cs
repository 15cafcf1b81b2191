using System.Text.Encodings.Web;
using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Caching;
using AiCompare.Web.Pages.Shared;
using AiCompare.Web.Pages.Shared.SiteLayout;
using AiCompare.Web.Pages.Votes;

namespace AiCompare.Web.Pages.Compare.Pair;

/// <summary>
/// A found comparison's page: its view (the live tallies spliced in, the scorecard, pairs to try next)
/// and its bytes, <see cref="PairHtml"/> written into the site layout's <see cref="LayoutTemplate"/>.
/// The comparison endpoint answers with it; so does the page cache's middleware, before the rest of the
/// pipeline, for a plain GET of a comparison it does not hold (<see cref="TryWriteAsync"/>).
/// </summary>
public sealed class PairPage(PairResolver resolver, TallyBoard tallies, ToolReadModel cache, HtmlEncoder encoder)
{
    public const string ContentType = "text/html; charset=utf-8";

    private const string PathPrefix = "/compare/";

    private static readonly Action<IHtmlSink, PairView> Head = PairHtml.Head;
    private static readonly Action<IHtmlSink, PairView> Body = PairHtml.Body;

    private LayoutTemplate? _template;
    private long _writtenFirst;

    /// <summary>How many pages <see cref="TryWriteAsync"/> has written (for tests of which path answered).</summary>
    internal long WrittenFirst => Interlocked.Read(ref _writtenFirst);

    /// <summary>
    /// Whether the request is one <see cref="TryWriteAsync"/> may answer: a GET of <c>/compare/{pair}</c>
    /// with no query (a workload or a vote notice takes the endpoint).
    /// </summary>
    public static bool Takes(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && !request.QueryString.HasValue
        && request.Path.Value is { } path
        && path.Length > PathPrefix.Length
        && path.StartsWith(PathPrefix, StringComparison.Ordinal)
        && path.IndexOf('/', PathPrefix.Length) < 0;

    /// <summary>
    /// Writes the page into <paramref name="page"/> when the path names a pair under its current slugs
    /// (in either order) and returns true; otherwise (a redirect, a 404) writes nothing and returns false,
    /// and the endpoint answers. Sets no header: the caller sends the page.
    /// </summary>
    internal async Task<bool> TryWriteAsync(HttpContext context, PooledBuffer page)
    {
        var pair = context.Request.Path.Value![PathPrefix.Length..];
        var resolution = await resolver.ResolveAsync(pair);
        if (resolution.Outcome != PairOutcome.Found) return false;
        await WriteAsync(await ViewAsync(context, resolution), page);
        Interlocked.Increment(ref _writtenFirst);
        return true;
    }

    /// <summary>The view of a found pair, its tallies live; tags the response for the page cache.</summary>
    public async Task<PairView> ViewAsync(HttpContext context, PairResolution resolution)
    {
        var (a, b) = (resolution.A!, resolution.B!);
        // The tallies come from the live board, not the snapshot: a vote evicts neither page nor snapshot.
        var live = await tallies.GetAsync([a.Tool.Slug, b.Tool.Slug]);
        (a, b) = (WithTally(a, live), WithTally(b, live));
        var voted = VoteNotice.Read(context, a.Tool, b.Tool);
        context.TagCache(CacheTags.Tool(a.Tool.Slug), CacheTags.Tool(b.Tool.Slug), CacheTags.Category(a.Tool.CategorySlug), CacheTags.Category(b.Tool.CategorySlug), CacheTags.Critics);
        var scorecard = Comparison.Scorecard(await cache.PanelAsync(), a.Tool.Id, b.Tool.Id, [.. a.Reviews, .. b.Reviews]);
        return new PairView(
            PageFrame.For(context, $"{a.Tool.Name} vs {b.Tool.Name}", readerExtras: true, PathPrefix + resolution.Canonical),
            a,
            b,
            PathPrefix + resolution.Target,
            scorecard,
            Comparison.WhereTheyDisagree(scorecard)?.Describe(a.Tool.Name, b.Tool.Name),
            WorkloadForm.Read(context.Request.Query),
            await SuggestAsync(a.Tool, b.Tool)) { Voted = voted };
    }

    /// <summary>Writes the page, layout and all, into <paramref name="page"/>.</summary>
    internal async ValueTask WriteAsync(PairView view, PooledBuffer page)
    {
        var frame = view.Frame;
        var template = _template;
        if (template is null || !template.Fits(frame))
        {
            // Made on the first page and again only if the asset paths change (a new path base, or an edited
            // stylesheet in development); two requests racing here make the same template.
            template = await LayoutTemplate.CreateAsync(frame.IconHref, frame.CssHref, frame.JsHref, encoder);
            _template = template;
        }
        template.Write(new BufferSink(page, encoder), frame, view, Head, Body);
    }

    private static ToolSnapshot WithTally(ToolSnapshot snapshot, IReadOnlyDictionary<string, CommunityTally> tallies) =>
        tallies.TryGetValue(snapshot.Tool.Slug, out var tally) && tally != snapshot.Community ? snapshot with { Community = tally } : snapshot;

    /// <summary>Each tool against up to three of its category's newest tools (not this pair's), each pair once.</summary>
    private async Task<IReadOnlyList<SuggestedPair>> SuggestAsync(Tool a, Tool b)
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
}
