using AiCompare.Data;
using AiCompare.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AiCompare.Web.Pages.Compare;

/// <summary>
/// The picker: <c>GET /compare?a=…&amp;b=…</c> with a name or slug on each side redirects to the pair in
/// the order picked; otherwise each side that names no tool lists its closest matches as links. It never lists the
/// catalog, so it costs the same at any size; with JavaScript, picker.js adds type-ahead from
/// <c>/api/v1/tools/suggest</c>.
/// </summary>
public sealed class IndexModel(CatalogRepository catalog, SearchRepository search) : PageModel
{
    /// <summary>Closest matches listed per side.</summary>
    public const int CandidateLimit = 8;

    /// <summary>Longest text a side takes (longer than any tool name).</summary>
    public const int MaxLength = 100;

    [BindProperty(SupportsGet = true)]
    public string? A { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? B { get; set; }

    public IReadOnlyList<SuggestedPair> Suggested { get; private set; } = [];
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>Per side ("a", "b"), the closest matches to what was typed, as links that keep the other side.</summary>
    public Dictionary<string, IReadOnlyList<(ToolChoice Tool, string Href)>> Candidates { get; } = new(StringComparer.Ordinal);

    public async Task<IActionResult> OnGetAsync()
    {
        if (A is not null || B is not null)
        {
            var a = await SideAsync("a", A, "Pick the first tool.");
            var b = await SideAsync("b", B, "Pick the second tool.");
            if (a is not null && b is not null)
            {
                if (a.Slug == b.Slug) Errors["b"] = "Pick a different tool from the first one.";
                // In the order picked: the comparison page reads in the order of its URL.
                else return Redirect(Request.PathBase + "/compare/" + a.Slug + ComparePath.Separator + b.Slug);
            }
            foreach (var (side, typed, other) in new[] { ("a", A, b?.Slug ?? B), ("b", B, a?.Slug ?? A) })
            {
                if (!Errors.ContainsKey(side) || string.IsNullOrWhiteSpace(typed) || typed.Length > MaxLength) continue;
                var choices = await CandidatesAsync(typed.Trim());
                if (choices.Count > 0) Candidates[side] = choices.Select(c => (c, Link(side, c.Slug, other))).ToList();
            }
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        Suggested = Comparison.SuggestPairs(await catalog.LatestAsync(60), max: 12);
        return Page();
    }

    /// <summary>The tool a side names (its slug, or its name), or null with the side's error set.</summary>
    private async Task<ToolName?> SideAsync(string side, string? typed, string missing)
    {
        var text = (typed ?? "").Trim();
        if (text.Length == 0)
        {
            Errors[side] = missing;
            return null;
        }
        if (text.Length > MaxLength)
        {
            Errors[side] = $"Type at most {MaxLength} characters: a tool's name or slug.";
            return null;
        }
        // No tool's name holds a control character, and PostgreSQL refuses text holding NUL: not a lookup.
        if (text.Any(char.IsControl))
        {
            Errors[side] = $"No tool called '{text}' in the catalog.";
            return null;
        }
        var slug = text.ToLowerInvariant();
        if (Slug.IsValid(slug) && (await catalog.FindToolsAsync([slug])).FirstOrDefault() is { } bySlug) return new ToolName(bySlug.Slug, bySlug.Name);
        // A name is taken only when exactly one tool has it; two of the same name are listed to choose from.
        if (await catalog.FindByNameAsync(text) is [var byName]) return byName;
        Errors[side] = $"No tool called '{text}' in the catalog.";
        return null;
    }

    /// <summary>Names and slugs starting with the text, then near-misspellings of its slug among tools sharing its first letters.</summary>
    private async Task<IReadOnlyList<ToolChoice>> CandidatesAsync(string typed)
    {
        if (typed.Any(char.IsControl)) return [];
        var found = (await search.SuggestAsync(typed, CandidateLimit)).ToList();
        var slug = Slug.FromName(typed);
        if (found.Count < CandidateLimit && slug.Length > 0)
        {
            var near = await catalog.FindByPrefixesAsync([slug.Length > 3 ? slug[..3] : slug]);
            foreach (var t in Suggestions.Closest(slug, near, t => t.Slug, max: CandidateLimit))
            {
                if (found.Count < CandidateLimit && !found.Exists(f => f.Slug == t.Slug)) found.Add(new ToolChoice(t.Slug, t.Name, ""));
            }
        }
        return found;
    }

    private string Link(string side, string slug, string? other)
    {
        KeyValuePair<string, string?>[] query = side == "a"
            ? [new("a", slug), new("b", other ?? "")]
            : [new("a", other ?? ""), new("b", slug)];
        return Request.PathBase + "/compare" + QueryString.Create(query).ToUriComponent();
    }
}
