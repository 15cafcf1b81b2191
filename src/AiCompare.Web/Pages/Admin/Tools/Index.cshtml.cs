using AiCompare.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AiCompare.Web.Pages.Admin.Tools;

/// <summary>All tools, published or not, with search and sort.</summary>
public sealed class IndexModel(ToolAdminRepository tools) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    public IReadOnlyList<AdminToolRow> Tools { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Sort = Sort is "category" or "updated" ? Sort : "name";
        Tools = await tools.ListAsync(Q, Sort);
    }
}
