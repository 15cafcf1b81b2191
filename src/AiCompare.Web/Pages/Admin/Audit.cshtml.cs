using AiCompare.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AiCompare.Web.Pages.Admin;

/// <summary>Who changed what and when, newest first, 50 to a page.</summary>
public sealed class AuditModel(AuditRepository audit) : PageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public int PageNumber { get; private set; } = 1;
    public int Pages { get; private set; } = 1;

    public async Task OnGetAsync(int p = 1)
    {
        PageNumber = Math.Clamp(p, 1, 1_000_000);
        var (entries, total) = await audit.PageAsync(PageNumber, PageSize);
        Entries = entries;
        Pages = Math.Max(1, (total + PageSize - 1) / PageSize);
    }
}
