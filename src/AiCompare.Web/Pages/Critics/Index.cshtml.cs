using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Caching;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AiCompare.Web.Pages.Critics;

/// <summary>The panel: <c>/critics</c>.</summary>
[PublicCache]
public sealed class IndexModel(DiscoveryRepository discovery) : PageModel
{
    public IReadOnlyList<(Critic Critic, int Reviews)> Critics { get; private set; } = [];

    public async Task OnGetAsync()
    {
        HttpContext.TagCache(CacheTags.Critics, CacheTags.Lists);
        Critics = await discovery.CriticsAsync();
    }
}
