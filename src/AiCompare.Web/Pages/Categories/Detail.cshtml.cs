using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Caching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AiCompare.Web.Pages.Categories;

/// <summary>A category: its tools ranked by panel ship %, then panel average, then community; pairs to compare.</summary>
[PublicCache]
public sealed class DetailModel(DiscoveryRepository discovery) : PageModel
{
    public CategoryPageData Data { get; private set; } = default!;
    public IReadOnlyList<SuggestedPair> Pairs { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        var lower = slug.ToLowerInvariant();
        if (!Slug.IsValid(lower)) return NotFound();
        if (lower != slug) return RedirectPermanent("/categories/" + lower);
        var data = await discovery.CategoryPageAsync(slug);
        if (data is null) return NotFound();
        Data = data;
        HttpContext.TagCache(CacheTags.Category(data.Category.Slug), CacheTags.Ranking(data.Category.Slug), CacheTags.Lists);
        Pairs = Comparison.SuggestPairs(data.Tools.Select(t => t.Tool), max: 12);
        return Page();
    }
}
