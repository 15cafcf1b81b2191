using AiCompare.Data;
using AiCompare.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AiCompare.Web.Pages.Compare;

/// <summary>
/// The picker: <c>GET /compare?a=…&amp;b=…</c> redirects to the canonical pair; without a query it
/// shows the form and suggested pairs.
/// </summary>
public sealed class IndexModel(CatalogRepository catalog) : PageModel
{
    /// <summary>Above this many tools the picker takes typed slugs instead of drop-downs.</summary>
    public const int SelectLimit = 1000;

    [BindProperty(SupportsGet = true)]
    public string? A { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? B { get; set; }

    public IReadOnlyList<ToolName> Tools { get; private set; } = [];
    public bool UseSelects { get; private set; }
    public IReadOnlyList<SuggestedPair> Suggested { get; private set; } = [];
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public async Task<IActionResult> OnGetAsync()
    {
        if (A is not null || B is not null)
        {
            var a = Normalise(A);
            var b = Normalise(B);
            if (a.Length == 0) Errors["a"] = "Pick the first tool.";
            if (b.Length == 0) Errors["b"] = "Pick the second tool.";
            if (Errors.Count == 0 && a == b) Errors["b"] = "Pick a different tool from the first one.";
            if (Errors.Count == 0)
            {
                var found = (await catalog.FindToolsAsync(new[] { a, b }.Where(Slug.IsValid).ToList()))
                    .Select(t => t.Slug).ToHashSet(StringComparer.Ordinal);
                if (!found.Contains(a)) Errors["a"] = $"No tool called '{A}' in the catalog.";
                if (!found.Contains(b)) Errors["b"] = $"No tool called '{B}' in the catalog.";
                if (Errors.Count == 0) return Redirect(Request.PathBase + "/compare/" + ComparePath.Canonical(a, b));
            }
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        Tools = await catalog.ListNamesAsync(SelectLimit + 1);
        UseSelects = Tools.Count <= SelectLimit;
        var home = await catalog.GetHomeAsync(latest: 60);
        Suggested = Comparison.SuggestPairs(home.Latest, max: 12);
        return Page();
    }

    private static string Normalise(string? value) => (value ?? "").Trim().ToLowerInvariant();
}
