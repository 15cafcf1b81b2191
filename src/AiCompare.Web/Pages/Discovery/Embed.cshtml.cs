using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Caching;
using AiCompare.Web.Pages.Compare;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AiCompare.Web.Pages.Discovery;

/// <summary><c>/embed/{slug}</c>: a small verdict card other sites may put in an iframe.</summary>
[PublicCache]
public sealed class EmbedModel(ToolReadModel tools, CatalogRepository catalog) : PageModel
{
    public Tool Tool { get; private set; } = default!;
    public PanelSummary Panel { get; private set; } = PanelSummary.Empty;

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (!Slug.IsValid(slug)) return NotFound();
        // The read model the comparison pages use: the tool and its reviews, not the tool page's category lists.
        if (!(await tools.GetToolsAsync([slug])).TryGetValue(slug, out var snapshot))
        {
            // Other sites embed the card by the slug it had then: a renamed tool's card moves with it.
            var moved = await catalog.FindRedirectsAsync([slug]);
            return moved.TryGetValue(slug, out var current) ? RedirectPermanent("/embed/" + current) : NotFound();
        }
        Tool = snapshot.Tool;
        HttpContext.TagCache(CacheTags.Tool(snapshot.Tool.Slug));
        Panel = snapshot.Panel;
        return Page();
    }
}
