using AiCompare.Data;
using AiCompare.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AiCompare.Web.Pages.Tools;

/// <summary>A tool's page: <c>/tools/{slug}</c>.</summary>
public sealed class DetailModel(CatalogRepository catalog) : PageModel
{
    public ToolPageData Data { get; private set; } = default!;
    public PanelSummary Panel { get; private set; } = PanelSummary.Empty;
    public IReadOnlyList<(Critic Critic, Review? Review)> Reviews { get; private set; } = [];

    public Tool Tool => Data.Tool;

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        var lower = slug.ToLowerInvariant();
        if (!Slug.IsValid(lower)) return NotFound();
        if (!string.Equals(lower, slug, StringComparison.Ordinal))
            return RedirectToPagePermanent("/Tools/Detail", new { slug = lower });

        var data = await catalog.GetToolPageAsync(slug);
        if (data is null)
        {
            var redirects = await catalog.FindRedirectsAsync([slug]);
            return redirects.TryGetValue(slug, out var current)
                ? RedirectToPagePermanent("/Tools/Detail", new { slug = current })
                : NotFound();
        }
        Data = data;
        Panel = PanelSummary.From(data.Reviews);
        var bySlug = data.Reviews.ToDictionary(r => r.CriticSlug, StringComparer.Ordinal);
        Reviews = data.Panel.Select(c => (c, bySlug.GetValueOrDefault(c.Slug))).ToList();
        return Page();
    }
}
