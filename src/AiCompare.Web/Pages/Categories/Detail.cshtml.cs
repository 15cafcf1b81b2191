using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Caching;
using AiCompare.Web.Pages.Shared;
using AiCompare.Web.Pages.Votes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AiCompare.Web.Pages.Categories;

/// <summary>
/// A category: its tools ranked by panel ship %, then panel average (nothing a vote moves, so a vote
/// evicts no category page), a page at a time (<c>?after=</c>), each with its live community tally;
/// pairs to compare from the page shown.
/// </summary>
[PublicCache]
public sealed class DetailModel(ListingRepository listing, TallyBoard board) : PageModel
{
    private IReadOnlyDictionary<string, CommunityTally> _community = new Dictionary<string, CommunityTally>();

    public CategoryPageData Data { get; private set; } = default!;
    public IReadOnlyList<SuggestedPair> Pairs { get; private set; } = [];
    public Pager Pager { get; private set; } = Pager.None;

    /// <summary>Why the list shows its first page (or nothing) instead of the one asked for, when it does.</summary>
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, string? after)
    {
        var lower = slug.ToLowerInvariant();
        if (!Slug.IsValid(lower)) return NotFound();
        if (lower != slug) return RedirectPermanent("/categories/" + lower + Request.QueryString);
        ListCursor? cursor = null;
        if (!string.IsNullOrEmpty(after))
        {
            if (ListCursor.TryParse(after, out var parsed)) cursor = parsed;
            else Problem = "That page address is not one this list makes (its after= value is not a position in the list), so here is the first page.";
        }
        var data = await listing.CategoryPageAsync(slug, cursor);
        if (data is null) return NotFound();
        Data = data;
        HttpContext.TagCache(CacheTags.Category(data.Category.Slug), CacheTags.Ranking(data.Category.Slug), CacheTags.Lists);
        _community = await board.GetAsync([.. data.Tools.Items.Select(t => t.Tool.Slug)]);
        Pager = Pager.For(data.Tools, c => Url.Page("/Categories/Detail", new { slug, after = c?.ToString() })!);
        Pairs = Comparison.SuggestPairs(data.Tools.Items.Select(t => t.Tool), max: 12);
        if (Problem is not null) Response.StatusCode = StatusCodes.Status400BadRequest;
        else if (cursor is not null && data.Tools.Items.Count == 0)
        {
            Problem = "There are no more tools after this point: the list may have changed since this address was made.";
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        return Page();
    }

    /// <summary>A listed tool's tally from the live board as of this render, else the one read with the list.</summary>
    public CommunityTally CommunityOf(string slug, CommunityTally listed) => _community.GetValueOrDefault(slug) ?? listed;
}
