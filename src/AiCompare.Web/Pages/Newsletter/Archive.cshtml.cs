using AiCompare.Data;
using AiCompare.Web.Caching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AiCompare.Web.Pages.Newsletter;

/// <summary>Past digests: <c>/newsletter/archive</c> and <c>/newsletter/archive/{weekOf}</c>.</summary>
[PublicCache]
public sealed class ArchiveModel(NewsletterRepository newsletter) : PageModel
{
    public IReadOnlyList<DigestRecord> Digests { get; private set; } = [];
    public DigestRecord? Digest { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? weekOf)
    {
        HttpContext.TagCache(CacheTags.Newsletter);
        if (weekOf is null)
        {
            Digests = await newsletter.ArchiveAsync();
            return Page();
        }
        if (!DateOnly.TryParseExact(weekOf, "yyyy-MM-dd", out _)) return NotFound();
        Digest = await newsletter.DigestAsync(weekOf);
        return Digest is { Status: "sent" } ? Page() : NotFound();
    }
}
