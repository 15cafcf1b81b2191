using System.Globalization;
using System.Text;
using AiCompare.Data;
using AiCompare.Web.Pages.Admin.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AiCompare.Web.Pages.Admin.Subscribers;

/// <summary>
/// Newsletter subscribers (list, CSV) for admins only: the whole folder needs the admin policy
/// (ServiceRegistration), so no handler here is reachable by another editor. Every CSV is audited.
/// </summary>
public sealed class IndexModel(NewsletterRepository newsletter, AuditRepository audit, ILogger<IndexModel> logger) : PageModel
{
    public const int PageSize = 200;

    public IReadOnlyList<Subscriber> Subscribers { get; private set; } = [];
    public string? Status { get; private set; }
    public string? Notice { get; private set; }

    public async Task OnGetAsync(string? status, string? notice)
    {
        Status = status is "pending" or "confirmed" or "unsubscribed" ? status : null;
        Notice = notice == "deleted" ? "Subscriber erased, with their send history." : null;
        Subscribers = await newsletter.ListAsync(Status, PageSize, 0);
    }

    public async Task<IActionResult> OnGetCsvAsync()
    {
        var csv = new StringBuilder("id,email,status,consent_at,consent_text_version,created_at\r\n");
        var rows = 0;
        for (var offset = 0; ; offset += 1000)
        {
            var page = await newsletter.ListAsync(null, 1000, offset);
            foreach (var s in page)
                csv.Append(CultureInfo.InvariantCulture, $"{s.Id},{Csv(s.Email)},{s.Status},{Csv(s.ConsentAt)},{Csv(s.ConsentTextVersion)},{Csv(s.CreatedAt)}\r\n");
            rows += page.Count;
            if (page.Count < 1000) break;
        }
        await audit.RecordAsync(User.EditorId(), "subscriber.export", "subscribers", string.Create(CultureInfo.InvariantCulture, $"CSV of {rows} subscriber(s)"));
        logger.LogInformation("Newsletter: subscriber CSV exported by editor #{EditorId}", User.EditorId());
        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", "subscribers.csv");
    }

    /// <summary>A CSV field, quoted; a leading formula character is neutralised for spreadsheets.</summary>
    private static string Csv(string? value)
    {
        if (value is null) return "";
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@') value = "'" + value;
        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
