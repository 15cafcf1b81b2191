using System.Globalization;
using System.Text;
using AiCompare.Data;
using AiCompare.Web.Pages.Admin.Accounts;
using AiCompare.Web.Pages.Newsletter;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AiCompare.Web.Pages.Admin;

/// <summary>Subscribers (counts, list, CSV, erasure) and the weekly digest (preview, send now).</summary>
public sealed class NewsletterModel(NewsletterRepository newsletter, Digests digests, ILogger<NewsletterModel> logger) : PageModel
{
    public const int PageSize = 200;

    public IReadOnlyDictionary<string, int> Counts { get; private set; } = new Dictionary<string, int>();
    public IReadOnlyList<Subscriber> Subscribers { get; private set; } = [];
    public string? Status { get; private set; }
    public string? Notice { get; private set; }
    public (string Subject, string Text, string Html)? Preview { get; private set; }
    public DateTimeOffset Slot { get; private set; }

    public async Task OnGetAsync(string? status, string? notice)
    {
        Status = status is "pending" or "confirmed" or "unsubscribed" ? status : null;
        Notice = notice switch
        {
            "deleted" => "Subscriber deleted, with their send history.",
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

    public async Task<IActionResult> OnGetCsvAsync()
    {
        var csv = new StringBuilder("id,email,status,consent_at,consent_text_version,created_at\r\n");
        for (var offset = 0; ; offset += 1000)
        {
            var page = await newsletter.ListAsync(null, 1000, offset);
            foreach (var s in page)
                csv.Append(CultureInfo.InvariantCulture, $"{s.Id},{Csv(s.Email)},{s.Status},{Csv(s.ConsentAt)},{Csv(s.ConsentTextVersion)},{Csv(s.CreatedAt)}\r\n");
            if (page.Count < 1000) break;
        }
        logger.LogInformation("Newsletter: subscriber CSV exported by editor #{EditorId}", User.EditorId());
        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", "subscribers.csv");
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id)
    {
        if (!await newsletter.DeleteAsync(id, User.EditorId()!.Value)) return NotFound();
        logger.LogInformation("Newsletter: subscriber #{SubscriberId} erased by editor #{EditorId}", id, User.EditorId());
        return Redirect("/admin/newsletter?notice=deleted");
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
        Subscribers = await newsletter.ListAsync(Status, PageSize, 0);
        Slot = digests.Schedule.LatestSlot(DateTimeOffset.UtcNow);
    }

    /// <summary>A CSV field, quoted; a leading formula character is neutralised for spreadsheets.</summary>
    private static string Csv(string? value)
    {
        if (value is null) return "";
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@') value = "'" + value;
        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
