using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Caching;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AiCompare.Web.Pages;

/// <summary>The home page: latest verdicts, suggested comparisons, categories.</summary>
[PublicCache]
public sealed class IndexModel(CatalogRepository catalog) : PageModel
{
    public HomeData Home { get; private set; } = new([], []);
    public IReadOnlyList<SuggestedPair> Suggested { get; private set; } = [];

    public async Task OnGetAsync()
    {
        HttpContext.TagCache(CacheTags.Lists);
        Home = await catalog.GetHomeAsync(latest: 12);
        Suggested = Comparison.SuggestPairs(Home.Latest, max: 6);
    }
}
