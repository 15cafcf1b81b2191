using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Primitives;

namespace AiCompare.Web.Pages.Compare;

/// <summary>The "X vs Y" page: <c>/compare/{a}-vs-{b}</c>, slugs in ordinal order.</summary>
[PublicCache]
public sealed class PairModel(CatalogRepository catalog, CatalogCache cache, PairResolver resolver) : PageModel
{
    public ToolHero A { get; private set; } = default!;
    public ToolHero B { get; private set; } = default!;
    public IReadOnlyList<ScorecardRow> Scorecard { get; private set; } = [];

    /// <summary>The workload of the pricing read, millions of tokens a month (defaults 10 in, 2 out).</summary>
    public decimal InMTok { get; private set; } = Workload.InputMTok;
    public decimal OutMTok { get; private set; } = Workload.OutputMTok;
    public string? WorkloadError { get; private set; }

    /// <summary>Each tool against its closest tools of the same category.</summary>
    public IReadOnlyList<SuggestedPair> Others { get; private set; } = [];
    public string? Disagreement { get; private set; }

    /// <summary>Set when the page answers 404: what was typed and what might have been meant.</summary>
    public MissingPair? Missing { get; private set; }

    public string Title => $"{A.Tool.Name} vs {B.Tool.Name}";

    public string Description =>
        $"{A.Tool.Name} vs {B.Tool.Name}: panel verdict {A.Panel.DecisionText} against {B.Panel.DecisionText}, " +
        "pricing read, reviewer scorecard and community vote, side by side.";

    // Route and query values are read directly: model binding is measurable on a page rendered this often.
    public async Task<IActionResult> OnGetAsync()
    {
        var pair = (string)RouteData.Values["pair"]!;
        var query = Request.Query;
        var inMTok = FirstValue(query["in"]);
        var outMTok = FirstValue(query["out"]);
        var resolution = await resolver.ResolveAsync(pair);
        switch (resolution.Outcome)
        {
            case PairOutcome.NotFound:
                return await NotFoundPageAsync(pair.ToLowerInvariant(), resolution.Splits, resolution.Found);
            case PairOutcome.RedirectTool:
                return RedirectToPagePermanent("/Tools/Detail", new { slug = resolution.Target });
            case PairOutcome.RedirectPair:
                return RedirectToPagePermanent("/Compare/Pair", new { pair = resolution.Target });
        }

        var (a, b) = (resolution.A!.Tool, resolution.B!.Tool);
        HttpContext.TagCache(Caching.Tool(a.Slug), Caching.Tool(b.Slug), Caching.Category(a.CategorySlug), Caching.Category(b.CategorySlug), Caching.Critics);
        var panel = await cache.PanelAsync();
        var path = "/compare/" + resolution.Target;
        A = new ToolHero(a, resolution.A.Panel, resolution.A.Community, path);
        B = new ToolHero(b, resolution.B.Panel, resolution.B.Community, path);
        Scorecard = Comparison.Scorecard(panel, a.Id, b.Id, [.. resolution.A.Reviews, .. resolution.B.Reviews]);
        Disagreement = Comparison.WhereTheyDisagree(Scorecard)?.Describe(a.Name, b.Name);

        if (inMTok is not null || outMTok is not null)
        {
            var input = Workload.ParseMTok(inMTok);
            var output = Workload.ParseMTok(outMTok);
            if ((inMTok is not null && input is null) || (outMTok is not null && output is null))
                WorkloadError = "Enter millions of tokens a month as a number, like 10 or 2.5; the default workload is shown.";
            InMTok = input ?? Workload.InputMTok;
            OutMTok = output ?? Workload.OutputMTok;
        }

        var others = new List<SuggestedPair>(6);
        await Suggest(a);
        await Suggest(b);
        Others = others;
        return Page();

        // Up to three of the category's newest tools (not this pair's), each pair once.
        async Task Suggest(Tool tool)
        {
            var taken = 0;
            foreach (var other in await cache.NewestAsync(tool.CategorySlug))
            {
                if (taken == 3) break;
                if (other.Slug == a.Slug || other.Slug == b.Slug) continue;
                taken++;
                var suggestion = SuggestedPair.Of(tool.Slug, tool.Name, other.Slug, other.Name);
                if (!others.Exists(p => p.SlugA == suggestion.SlugA && p.SlugB == suggestion.SlugB)) others.Add(suggestion);
            }
        }
    }

    private async Task<IActionResult> NotFoundPageAsync(string typed, IReadOnlyList<(string Left, string Right)> splits, IReadOnlyDictionary<string, ToolSnapshot> found)
    {
        // What the reader most likely meant by each side: the leftmost split, or the text around "-vs-".
        var (left, right) = splits.Count > 0 ? splits[0] : SplitLoosely(typed);
        var unknown = new[] { left, right }.Where(s => s.Length > 0 && !found.ContainsKey(s)).Distinct(StringComparer.Ordinal).ToList();
        var prefixes = unknown.Select(s => s.Length > 3 ? s[..3] : s).Where(Slug.IsValid).ToList();
        var candidates = await catalog.FindByPrefixesAsync(prefixes);
        var suggestions = unknown
            .SelectMany(s => Suggestions.Closest(s, candidates, c => c.Slug))
            .DistinctBy(c => c.Slug)
            .ToList();
        var known = new[] { left, right }.Where(found.ContainsKey).Select(s => found[s].Tool).Distinct().ToList();
        Missing = new MissingPair(unknown, suggestions, known);
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    // As model binding reads a query value: the first one, and a blank field (the form submitted with
    // an input cleared) as no value at all, so it takes the default rather than showing an error.
    private static string? FirstValue(StringValues values) =>
        values.Count > 0 && !string.IsNullOrWhiteSpace(values[0]) ? values[0] : null;

    private static (string, string) SplitLoosely(string typed)
    {
        var at = typed.IndexOf(ComparePath.Separator, StringComparison.Ordinal);
        return at < 0 ? (typed, "") : (typed[..at], typed[(at + ComparePath.Separator.Length)..]);
    }
}

/// <summary>A comparison that could not be found: unknown slugs, close names, and any tool that does exist.</summary>
public sealed record MissingPair(IReadOnlyList<string> Unknown, IReadOnlyList<ToolName> Suggestions, IReadOnlyList<Tool> Known);
