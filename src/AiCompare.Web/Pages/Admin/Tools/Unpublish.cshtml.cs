using AiCompare.Data;
using AiCompare.Web.Pages.Admin.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AiCompare.Web.Pages.Admin.Tools;

/// <summary>
/// Taking a tool off the site: the GET says what that does, and only the POST of its confirm button (which
/// sends <c>confirm=unpublish</c>) unpublishes. Works without JavaScript. Publishing again is one click on
/// the edit page: it hides nothing.
/// </summary>
public sealed class UnpublishModel(ToolAdminRepository tools) : PageModel
{
    public ToolEditData? Tool { get; private set; }
    public bool Unconfirmed { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        Tool = await tools.GetAsync(id);
        if (Tool is null) return NotFound();
        return Tool.IsPublished ? Page() : Redirect($"/admin/tools/edit/{id}");
    }

    public async Task<IActionResult> OnPostAsync(long id, long version, string? confirm)
    {
        if (confirm != "unpublish")
        {
            // Not confirmed: nothing changes; the question is asked again.
            Tool = await tools.GetAsync(id);
            if (Tool is null) return NotFound();
            Unconfirmed = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        return await tools.SetPublishedAsync(id, version, published: false, User.EditorId()!.Value) switch
        {
            SaveOutcome.NotFound => NotFound(),
            SaveOutcome.Conflict => Redirect($"/admin/tools/edit/{id}?saved=false"),
            _ => Redirect($"/admin/tools/edit/{id}?saved=true"),
        };
    }
}
