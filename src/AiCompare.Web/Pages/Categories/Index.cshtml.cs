using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Caching;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AiCompare.Web.Pages.Categories;

[PublicCache]
public sealed class IndexModel(DiscoveryRepository discovery) : PageModel
{
    public IReadOnlyList<CategoryCount> Categories { get; private set; } = [];

    public async Task OnGetAsync()
    {
        HttpContext.TagCache(CacheTags.Lists);
        Categories = await discovery.CategoriesAsync();
    }
}
