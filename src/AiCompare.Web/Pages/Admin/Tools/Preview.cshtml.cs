using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Pages.Compare;
using AiCompare.Web.Pages.Compare.Pair;
using AiCompare.Web.Pages.Tools;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AiCompare.Web.Pages.Admin.Tools;

/// <summary>
/// An editor's preview of any tool, a draft included (<c>/admin/tools/preview/{id}</c>): its page as readers
/// will see it, and with <c>?with={slug}</c> its comparison with a published tool. Editors only (the admin
/// folder's rule), never cached, never indexed.
/// </summary>
public sealed class PreviewModel(ToolAdminRepository tools, CatalogRepository catalog, ToolReadModel readModel, PairPage pairs) : PageModel
{
    public long Id { get; private set; }
    public bool IsPublished { get; private set; }
    public DateTimeOffset? PublishAt { get; private set; }
    public ToolPageView ToolPage { get; private set; } = default!;

    /// <summary>The comparison asked for with <c>?with=</c>, when that slug is a published tool.</summary>
    public PairView? Pair { get; private set; }

    /// <summary>The slug typed into "compare with", as typed.</summary>
    public string? With { get; private set; }

    public string? WithError { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, string? with)
    {
        var tool = await tools.GetAsync(id);
        if (tool is null) return NotFound();
        var data = await catalog.GetToolPageAsync(tool.Slug, drafts: true);
        if (data is null) return NotFound();
        // The count of the category's other tools subtracts the tool itself, which a draft is not among.
        if (!tool.IsPublished) data = data with { SameCategoryTotal = data.SameCategoryTotal + 1 };
        (Id, IsPublished, PublishAt) = (tool.Id, tool.IsPublished, tool.PublishAt);
        ToolPage = new ToolPageView(data, data.Community, Voted: null);
        With = with?.Trim();
        if (string.IsNullOrEmpty(With)) return Page();

        var slug = With.ToLowerInvariant();
        var other = Slug.IsValid(slug) ? (await readModel.GetToolsAsync([slug])).GetValueOrDefault(slug) : null;
        if (other is null || other.Tool.Id == tool.Id)
        {
            WithError = other is null
                ? $"No published tool has the slug '{With}'. Type the slug from a tool's address, like the 'cursor' of /tools/cursor."
                : "Choose another tool: a comparison needs two.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var draft = new ToolSnapshot(data.Tool, data.Reviews, data.Community);
        var path = ComparePath.Canonical(draft.Tool.Slug, other.Tool.Slug);
        Pair = await pairs.ViewAsync(HttpContext, new PairResolution(PairOutcome.Found, draft, other, path, [], new Dictionary<string, ToolSnapshot>()) { Canonical = path });
        return Page();
    }
}
