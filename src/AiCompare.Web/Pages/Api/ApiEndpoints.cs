using System.Text.Json;
using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Caching;
using AiCompare.Web.Hosting;
using AiCompare.Web.Pages.Compare;
using AiCompare.Web.Pages.Votes;

namespace AiCompare.Web.Pages.Api;

/// <summary>
/// The read-only JSON API, version 1 (in the path): <c>/api/v1/tools</c>, <c>/api/v1/tools/{slug}</c>,
/// <c>/api/v1/compare/{a}-vs-{b}</c> (same rules as the page, in the order asked), <c>/api/v1/critics</c>.
/// Cacheable for five minutes and readable from any origin (CORS), since it is all public. Read-only:
/// GET and HEAD, anything else is 405. Every error is RFC 9457 problem details (<see cref="ProblemResponses"/>).
/// </summary>
public static class ApiEndpoints
{
    public const int PageSize = 100;
    public const int SuggestLimit = 10;
    public const int SuggestMaxLength = 100;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };
    private static readonly string[] Read = [HttpMethods.Get, HttpMethods.Head];

    public static void MapApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1");
        api.CachePublic(CacheTags.Lists, CacheTags.Critics);
        api.AddEndpointFilter(async (context, next) =>
        {
            var headers = context.HttpContext.Response.Headers;
            headers.AccessControlAllowOrigin = "*";
            headers.CacheControl = "public, max-age=300";
            headers["X-Api-Version"] = "1";
            return await next(context);
        });

        api.MapMethods("/tools", Read, async (string? after, string? page, CatalogRepository catalog, AbsoluteUrls links, HttpContext context) =>
        {
            // Page 1 is the first page, as before; deeper pages by number would need OFFSET, which reads every skipped row.
            if (page is not null && page != "1")
                return ProblemResponses.Problem(StatusCodes.Status400BadRequest, "Paging by page number has ended: follow next (or the Link header) from /api/v1/tools, which passes after=<cursor>.");
            string? afterSlug = null;
            if (after is not null && !ToolCursor.TryDecode(after, out afterSlug))
                return ProblemResponses.Problem(StatusCodes.Status400BadRequest, "after is not a cursor this API gave out: start at /api/v1/tools and follow next.");
            var tools = await catalog.ToolsAfterAsync(afterSlug, PageSize + 1);
            var shown = tools.Take(PageSize).ToList();
            var next = tools.Count > PageSize ? links.Absolute("/api/v1/tools?after=" + ToolCursor.Encode(shown[^1].Slug)) : null;
            if (next is not null) context.Response.Headers.Link = $"<{next}>; rel=\"next\"";
            return Results.Json(new
            {
                pageSize = PageSize,
                next,
                tools = shown.Select(t => new
                {
                    t.Slug,
                    t.Name,
                    t.Tagline,
                    category = new { name = t.Category, slug = t.CategorySlug },
                    entry = Money.EntryLabel(t.Entry),
                    reviewed = t.Reviewed,
                    panel = Panel(t.Panel),
                    url = links.Absolute("/tools/" + t.Slug),
                    api = links.Absolute("/api/v1/tools/" + t.Slug),
                }),
            }, Json);
        });

        // Type-ahead for the picker: a literal segment, so routing prefers it to /tools/{slug} (a tool slugged
        // "suggest" would be shadowed here; its page and /compare still work).
        api.MapMethods("/tools/suggest", Read, async (string? q, SearchRepository search) =>
        {
            if (q is { Length: > SuggestMaxLength })
                return ProblemResponses.Problem(StatusCodes.Status400BadRequest, $"q is at most {SuggestMaxLength} characters.");
            var tools = await search.SuggestAsync(q ?? "", SuggestLimit);
            return Results.Json(new { tools = tools.Select(t => new { t.Slug, t.Name, t.Category }) }, Json);
        });

        api.MapMethods("/tools/{slug}", Read, async (string slug, CatalogRepository catalog, ToolReadModel cache, TallyBoard board, AbsoluteUrls links, HttpContext context) =>
        {
            context.TagCache(CacheTags.Tool(slug));
            if (!Slug.IsValid(slug)) return NotFound($"No tool '{slug}'.");
            // The read model the comparison uses: the tool, its reviews and tally, not the tool page's category lists.
            if (!(await cache.GetToolsAsync([slug])).TryGetValue(slug, out var tool))
            {
                var moved = await catalog.FindRedirectsAsync([slug]);
                return moved.TryGetValue(slug, out var current) ? Results.Redirect("/api/v1/tools/" + current, permanent: true) : NotFound($"No tool '{slug}'.");
            }
            // The tally from the live board as of this answer: a vote evicts no cached answer.
            var community = (await board.GetAsync([tool.Tool.Slug])).GetValueOrDefault(tool.Tool.Slug) ?? tool.Community;
            return Results.Json(ToolJson(tool.Tool, await cache.PanelAsync(), tool.Reviews, community, links), Json);
        });

        api.MapMethods("/compare/{pair}", Read, async (string pair, PairResolver resolver, ToolReadModel cache, TallyBoard board, AbsoluteUrls links, HttpContext context) =>
        {
            var resolution = await resolver.ResolveAsync(pair);
            switch (resolution.Outcome)
            {
                case PairOutcome.NotFound:
                    return NotFound("No comparison at that address: use /api/v1/compare/{a}-vs-{b} with two tool slugs.");
                case PairOutcome.RedirectTool:
                    return Results.Redirect("/api/v1/tools/" + resolution.Target, permanent: true);
                case PairOutcome.RedirectPair:
                    return Results.Redirect("/api/v1/compare/" + resolution.Target, permanent: true);
            }
            var (a, b) = (resolution.A!, resolution.B!);
            context.TagCache(CacheTags.Tool(a.Tool.Slug), CacheTags.Tool(b.Tool.Slug));
            var panel = await cache.PanelAsync();
            var tallies = await board.GetAsync([a.Tool.Slug, b.Tool.Slug]);
            var scorecard = Comparison.Scorecard(panel, a.Tool.Id, b.Tool.Id, [.. a.Reviews, .. b.Reviews]);
            return Results.Json(new
            {
                a = ToolJson(a.Tool, panel, a.Reviews, tallies.GetValueOrDefault(a.Tool.Slug) ?? a.Community, links),
                b = ToolJson(b.Tool, panel, b.Reviews, tallies.GetValueOrDefault(b.Tool.Slug) ?? b.Community, links),
                whereTheyDisagree = Comparison.WhereTheyDisagree(scorecard)?.Describe(a.Tool.Name, b.Tool.Name),
                url = links.Absolute("/compare/" + resolution.Target),
                canonicalUrl = links.Absolute("/compare/" + resolution.Canonical),
            }, Json);
        });

        api.MapMethods("/critics", Read, async (DiscoveryRepository discovery, AbsoluteUrls links) =>
            Results.Json((await discovery.CriticsAsync()).Select(c => new
            {
                c.Critic.Slug,
                c.Critic.Name,
                c.Critic.Label,
                c.Critic.Role,
                c.Critic.Motto,
                order = c.Critic.Order,
                reviews = c.Reviews,
                url = links.Absolute("/critics/" + c.Critic.Slug),
            }), Json));

        api.MapFallback(() => NotFound("Unknown API path. See /llms.txt for the endpoints.")).WithMetadata(new HttpMethodMetadata(Read));
    }

    private static object ToolJson(Tool t, IReadOnlyList<Critic> panel, IReadOnlyList<Review> reviews, CommunityTally community, AbsoluteUrls links)
    {
        var byCritic = panel.ToDictionary(c => c.Slug, StringComparer.Ordinal);
        return new
        {
            t.Slug,
            t.Name,
            t.Tagline,
            category = new { name = t.Category, slug = t.CategorySlug },
            t.Vendor,
            t.Website,
            reviewed = t.Reviewed,
            bestFor = t.BestForText,
            pricing = new
            {
                entry = Money.EntryLabel(t.Pricing.Entry),
                summary = t.Pricing.Summary,
                inputPerMTok = t.Pricing.InputPerMTok,
                outputPerMTok = t.Pricing.OutputPerMTok,
                monthlyCost10MIn2MOut = Workload.MonthlyCost(t.Pricing),
            },
            panel = Panel(PanelSummary.From(reviews)),
            community = new { verdict = VerdictRule.Label(community.Verdict), community.Ships, community.Skips, shipPercent = community.ShipPercent },
            reviews = reviews
                .OrderBy(r => byCritic.TryGetValue(r.CriticSlug, out var c) ? c.Order : int.MaxValue)
                .Select(r => new
                {
                    critic = r.CriticSlug,
                    label = byCritic.TryGetValue(r.CriticSlug, out var c) ? c.Label : r.CriticSlug,
                    r.Score,
                    verdict = ContentRules.VerdictToken(r.Verdict),
                    r.Quote,
                }),
            url = links.Absolute("/tools/" + t.Slug),
        };
    }

    private static object Panel(PanelSummary p) => new
    {
        verdict = p.VerdictLabel,
        ships = p.Ships,
        skips = p.Skips,
        shipPercent = p.ShipPercent,
        average = p.Average,
    };

    private static IResult NotFound(string message) => ProblemResponses.Problem(StatusCodes.Status404NotFound, message);
}
