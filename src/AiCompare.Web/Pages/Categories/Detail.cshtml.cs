using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Caching;
using AiCompare.Web.Pages.Votes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AiCompare.Web.Pages.Categories;

/// <summary>
/// A category: its tools ranked by panel ship %, then panel average (nothing a vote moves, so a vote
/// evicts no category page), each with its live community tally; pairs to compare.
/// </summary>
[PublicCache]
public sealed class DetailModel(DiscoveryRepository discovery, TallyBoard board) : PageModel
{
    private IReadOnlyDictionary<string, CommunityTally> _community = new Dictionary<string, CommunityTally>();

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
        _community = await board.GetAsync([.. data.Tools.Select(t => t.Tool.Slug)]);
        Pairs = Comparison.SuggestPairs(data.Tools.Select(t => t.Tool), max: 12);
        return Page();
    }

    /// <summary>A listed tool's tally from the live board as of this render, else the one read with the list.</summary>
    public CommunityTally CommunityOf(string slug, CommunityTally listed) => _community.GetValueOrDefault(slug) ?? listed;
}
