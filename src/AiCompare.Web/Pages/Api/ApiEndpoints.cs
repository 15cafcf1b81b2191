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
/// <c>/api/v1/compare/{a}-vs-{b}</c> (same canonical rules as the page), <c>/api/v1/critics</c>.
/// Cacheable for five minutes and readable from any origin (CORS), since it is all public. Read-only:
/// GET and HEAD, anything else is 405. Every error is RFC 9457 problem details (<see cref="ProblemResponses"/>).
/// </summary>
public static class ApiEndpoints
{
    public const int PageSize = 100;
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

        api.MapMethods("/tools", Read, async (string? page, CatalogRepository catalog, AbsoluteUrls links) =>
        {
            if (!TryPage(page, out var p)) return ProblemResponses.Problem(StatusCodes.Status400BadRequest, "page must be a whole number, 1 or more.");
            var (tools, total) = await catalog.PageAsync((p - 1) * PageSize, PageSize);
            return Results.Json(new
            {
                page = p,
                pageSize = PageSize,
                total,
                next = p * PageSize < total ? links.Absolute($"/api/v1/tools?page={p + 1}") : null,
                tools = tools.Select(t => new
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

        api.MapMethods("/tools/{slug}", Read, async (string slug, CatalogRepository catalog, TallyBoard board, AbsoluteUrls links, HttpContext context) =>
        {
            context.TagCache(CacheTags.Tool(slug));
            if (!Slug.IsValid(slug)) return NotFound($"No tool '{slug}'.");
            var page = await catalog.GetToolPageAsync(slug);
            if (page is null)
            {
                var moved = await catalog.FindRedirectsAsync([slug]);
                return moved.TryGetValue(slug, out var current) ? Results.Redirect("/api/v1/tools/" + current, permanent: true) : NotFound($"No tool '{slug}'.");
            }
            // The tally from the live board as of this answer: a vote evicts no cached answer.
            var community = (await board.GetAsync([page.Tool.Slug])).GetValueOrDefault(page.Tool.Slug) ?? page.Community;
            return Results.Json(ToolJson(page.Tool, page.Panel, page.Reviews, community, links), Json);
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

    // Absent is page 1; past the end is an empty page; anything but a whole number is the client's mistake.
    private static bool TryPage(string? value, out int page)
    {
        page = 1;
        if (value is null) return true;
        if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) || parsed < 1) return false;
        page = Math.Min(parsed, 1_000_000);
        return true;
    }
}
