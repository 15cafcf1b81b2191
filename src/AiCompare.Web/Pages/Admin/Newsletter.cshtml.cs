using AiCompare.Data;
using AiCompare.Web.Pages.Admin.Accounts;
using AiCompare.Web.Pages.Newsletter;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AiCompare.Web.Pages.Admin;

/// <summary>
/// Subscriber counts and the weekly digest (preview, send now), for every editor: none of it shows an
/// address. The subscribers themselves (list, CSV, erasure) are admin-only, under /admin/subscribers.
/// </summary>
public sealed class NewsletterModel(NewsletterRepository newsletter, Digests digests, ILogger<NewsletterModel> logger) : PageModel
{
    public IReadOnlyDictionary<string, int> Counts { get; private set; } = new Dictionary<string, int>();
    public string? Notice { get; private set; }
    public (string Subject, string Text, string Html)? Preview { get; private set; }
    public DateTimeOffset Slot { get; private set; }

    public async Task OnGetAsync(string? notice)
    {
        Notice = notice switch
        {
            "sent" => "This week's digest has gone to every confirmed subscriber.",
            "sending" => "This week's digest is still being sent (or waiting to retry some addresses).",
            "nobody" => "No confirmed subscribers yet: nothing was sent.",
            _ => null,
        };
        await LoadAsync();
    }

    public async Task<IActionResult> OnGetPreviewAsync()
    {
        await LoadAsync();
        Preview = await digests.ComposeAsync(Slot);
        return Page();
    }

    public async Task<IActionResult> OnPostSendAsync()
    {
        var digest = await digests.SendAsync(digests.Schedule.LatestSlot(DateTimeOffset.UtcNow), HttpContext.RequestAborted);
        logger.LogInformation("Newsletter: digest {WeekOf} sent on request of editor #{EditorId}: {Status}", digest.WeekOf, User.EditorId(), digest.Status);
        return Redirect("/admin/newsletter?notice=" + digest.Status);
    }

    private async Task LoadAsync()
    {
        Counts = await newsletter.CountsAsync();
        Slot = digests.Schedule.LatestSlot(DateTimeOffset.UtcNow);
    }
}
