using AiCompare.Data;
using AiCompare.Web.Pages.Admin.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AiCompare.Web.Pages.Admin.Subscribers;

/// <summary>
/// Erasing one subscriber, admins only: the GET shows who would be erased, and only the POST of its
/// confirm button (which sends <c>confirm=erase</c>) erases. Works without JavaScript. The erasure is
/// audited by the subscriber's id, never their address.
/// </summary>
public sealed class EraseModel(NewsletterRepository newsletter, ILogger<EraseModel> logger) : PageModel
{
    public Subscriber? Subscriber { get; private set; }
    public bool Unconfirmed { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        Subscriber = await newsletter.FindAsync(id);
        return Subscriber is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, string? confirm)
    {
        if (confirm != "erase")
        {
            // Not confirmed: nothing changes; the question is asked again.
            Subscriber = await newsletter.FindAsync(id);
            if (Subscriber is null) return NotFound();
            Unconfirmed = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (!await newsletter.DeleteAsync(id, User.EditorId()!.Value)) return NotFound();
        logger.LogInformation("Newsletter: subscriber #{SubscriberId} erased by editor #{EditorId}", id, User.EditorId());
        return Redirect("/admin/subscribers?notice=deleted");
    }
}
