using AiCompare.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AiCompare.Web.Pages.Admin.Critics;

public sealed class IndexModel(CriticAdminRepository critics) : PageModel
{
    public IReadOnlyList<CriticEditData> Critics { get; private set; } = [];

    public async Task OnGetAsync() => Critics = await critics.ListAsync();
}
