using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Caching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AiCompare.Web.Pages.Critics;

/// <summary>A critic: <c>/critics/{slug}</c>, their verdicts by category, filterable with <c>?category=</c>.</summary>
[PublicCache]
public sealed class DetailModel(DiscoveryRepository discovery) : PageModel
{
    public CriticPageData Data { get; private set; } = default!;
    public string? Category { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, string? category)
    {
        var lower = slug.ToLowerInvariant();
        if (!Slug.IsValid(lower)) return NotFound();
        if (lower != slug) return RedirectPermanent("/critics/" + lower + Request.QueryString);
        if (category is not null && !Slug.IsValid(category)) category = null;
        var data = await discovery.CriticPageAsync(slug, category);
        if (data is null) return NotFound();
        Data = data;
        HttpContext.TagCache(CacheTags.Critics, CacheTags.Lists);
        Category = category is not null && data.Categories.Any(c => c.Slug == category) ? category : null;
        if (category is not null && Category is null) Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
