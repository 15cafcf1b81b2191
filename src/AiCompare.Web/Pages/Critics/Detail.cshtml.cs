using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Caching;
using AiCompare.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AiCompare.Web.Pages.Critics;

/// <summary>
/// A critic: <c>/critics/{slug}</c>, their counts by category and their verdicts a page at a time
/// (<c>?after=</c>), filterable with <c>?category=</c>.
/// </summary>
[PublicCache]
public sealed class DetailModel(ListingRepository listing) : PageModel
{
    public CriticPageData Data { get; private set; } = default!;
    public string? Category { get; private set; }
    public Pager Pager { get; private set; } = Pager.None;

    /// <summary>Why the list shows its first page instead of the one asked for, when it does.</summary>
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, string? category, string? after)
    {
        var lower = slug.ToLowerInvariant();
        if (!Slug.IsValid(lower)) return NotFound();
        if (lower != slug) return RedirectPermanent("/critics/" + lower + Request.QueryString);
        if (category is not null && !Slug.IsValid(category)) category = null;
        ListCursor? cursor = null;
        if (!string.IsNullOrEmpty(after))
        {
            if (ListCursor.TryParse(after, out var parsed)) cursor = parsed;
            else Problem = "That page address is not one this list makes (its after= value is not a position in the list), so here is the first page.";
        }
        var data = await listing.CriticPageAsync(slug, category, cursor);
        if (data is null) return NotFound();
        Data = data;
        HttpContext.TagCache(CacheTags.Critics, CacheTags.Lists);
        Category = category is not null && data.Categories.Any(c => c.Slug == category) ? category : null;
        Pager = Pager.For(data.Verdicts, c => Url.Page("/Critics/Detail", new { slug, category = Category, after = c?.ToString() })!);
        if (category is not null && Category is null) Response.StatusCode = StatusCodes.Status404NotFound;
        else if (Problem is not null) Response.StatusCode = StatusCodes.Status400BadRequest;
        else if (cursor is not null && data.Verdicts.Items.Count == 0)
        {
            Problem = "There are no more verdicts after this point: the list may have changed since this address was made.";
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        return Page();
    }
}
