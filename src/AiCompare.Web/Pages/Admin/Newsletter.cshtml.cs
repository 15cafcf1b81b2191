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
        await LoadAsync();
        Notice = notice switch
        {
            "sent" or "already" or "sending" => await SendNoticeAsync(notice),
            "nobody" => "Sent to 0 subscribers: no confirmed subscribers yet.",
            _ => null,
        };
    }

    /// <summary>What this week's send has done, counted from its send log as the page is shown.</summary>
    private async Task<string> SendNoticeAsync(string notice)
    {
        var weekOf = Digests.WeekOf(Slot);
        var digest = await newsletter.DigestAsync(weekOf);
        if (digest is null) return $"The digest for the week of {weekOf} has not been sent yet.";
        var log = await newsletter.SendLogAsync(digest.Id);
        var sent = log.Count(r => r.Status == "sent");
        var waiting = log.Count - sent;
        var to = sent == 1 ? "1 subscriber" : $"{sent} subscribers";
        return notice switch
        {
            "already" => $"The digest for the week of {weekOf} had already been sent to {to}; nothing more was sent.",
            _ when waiting > 0 => $"The digest for the week of {weekOf} has been sent to {to} so far; {waiting} more could not be sent yet and will be retried automatically.",
            _ => $"The digest for the week of {weekOf} has been sent to {to}.",
        };
    }

    public async Task<IActionResult> OnGetPreviewAsync()
    {
        await LoadAsync();
        Preview = await digests.ComposeAsync(Slot);
        return Page();
    }

    public async Task<IActionResult> OnPostSendAsync()
    {
        var slot = digests.Schedule.LatestSlot(DateTimeOffset.UtcNow);
        var before = await newsletter.DigestAsync(Digests.WeekOf(slot));
        var digest = await digests.SendAsync(slot, HttpContext.RequestAborted);
        logger.LogInformation("Newsletter: digest {WeekOf} sent on request of editor #{EditorId}: {Status}", digest.WeekOf, User.EditorId(), digest.Status);
        var notice = before is { Status: "sent" } ? "already" : digest.Status;
        return Redirect("/admin/newsletter?notice=" + notice);
    }

    private async Task LoadAsync()
    {
        Counts = await newsletter.CountsAsync();
        Slot = digests.Schedule.LatestSlot(DateTimeOffset.UtcNow);
    }
}
