using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Caching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AiCompare.Web.Pages.Discovery;

/// <summary><c>/embed/{slug}</c>: a small verdict card other sites may put in an iframe.</summary>
[PublicCache]
public sealed class EmbedModel(CatalogRepository catalog) : PageModel
{
    public Tool Tool { get; private set; } = default!;
    public PanelSummary Panel { get; private set; } = PanelSummary.Empty;

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (!Slug.IsValid(slug)) return NotFound();
        var page = await catalog.GetToolPageAsync(slug);
        if (page is null) return NotFound();
        Tool = page.Tool;
        HttpContext.TagCache(CacheTags.Tool(page.Tool.Slug));
        Panel = PanelSummary.From(page.Reviews);
        return Page();
    }
}
