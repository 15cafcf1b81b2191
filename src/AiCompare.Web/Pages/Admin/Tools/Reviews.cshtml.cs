using System.Globalization;
using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Hosting;
using AiCompare.Web.Pages.Admin.Accounts;
using AiCompare.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AiCompare.Web.Pages.Admin.Tools;

/// <summary>
/// The panel's reviews of one tool: a row per critic. A row left empty means "no review" (an existing
/// one is removed); a partly filled row is an error. All rows are saved together, in one transaction.
/// </summary>
public sealed class ReviewsModel(ToolAdminRepository tools) : PageModel
{
    [BindProperty]
    public List<ReviewRow> Rows { get; set; } = [];

    [BindProperty]
    public long Version { get; set; }

    /// <summary>
    /// The critics (slugs, space-separated) whose stored reviews the form has shown it removes: a save removes
    /// no other, so a row emptied after the question was shown is asked about again.
    /// </summary>
    [BindProperty]
    public string? ConfirmRemove { get; set; }

    /// <summary>The critics whose stored review this save would remove, when it has not been confirmed: slugs and names.</summary>
    public IReadOnlyList<(string Slug, string Name)> Removing { get; private set; } = [];

    public ToolEditData Tool { get; private set; } = default!;
    public IReadOnlyList<(string Slug, string Name)> Critics { get; private set; } = [];
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);
    public string? FormError { get; private set; }

    /// <summary>The errors of a failed save, row by row in the form's order, named by critic, for the summary at the top.</summary>
    public ErrorSummary Summary => new(
        (from row in Rows
         from part in (string[])["score", "verdict", "quote", "reviewed"]
         let error = Errors.GetValueOrDefault($"{row.Critic}.{part}")
         where error is not null
         select new ErrorSummary.Item($"{row.Critic}-{part}", $"{Critics.FirstOrDefault(c => c.Slug == row.Critic).Name ?? row.Critic}: {error}")).ToList(),
        FormError);
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, bool saved = false)
    {
        if (!await LoadAsync(id)) return NotFound();
        Saved = saved;
        Version = Tool.Version;
        var existing = Tool.Reviews.ToDictionary(r => r.Critic, StringComparer.Ordinal);
        Rows = Critics.Select(c => existing.TryGetValue(c.Slug, out var r)
            ? new ReviewRow
            {
                Critic = c.Slug,
                Score = r.Score.ToString(CultureInfo.InvariantCulture),
                Verdict = ContentRules.VerdictToken(r.Verdict),
                Quote = r.Quote,
                Reviewed = r.Reviewed?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            }
            : new ReviewRow { Critic = c.Slug }).ToList();
        return Page();
    }

    [KeepsInputOnStorageFault]
    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var known = Critics.Select(c => c.Slug).ToHashSet(StringComparer.Ordinal);
        // Keep one row per known critic, in panel order, whatever was posted.
        var posted = Rows.Where(r => r.Critic is not null && known.Contains(r.Critic)).GroupBy(r => r.Critic!).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        Rows = Critics.Select(c => posted.GetValueOrDefault(c.Slug) ?? new ReviewRow { Critic = c.Slug }).ToList();

        var reviews = new List<ReviewContent>();
        foreach (var row in Rows.Where(r => !r.IsEmpty))
        {
            var (review, problems) = ContentRules.ValidateReview(new ReviewDraft(row.Critic, row.Score, row.Verdict, row.Quote, row.Reviewed), known.Contains);
            foreach (var p in problems) Errors.TryAdd($"{row.Critic}.{p.Field}", Sentence(p));
            if (review is not null) reviews.Add(review);
        }
        if (Errors.Count > 0) return Invalid(StatusCodes.Status400BadRequest);
        // Emptying a row removes a stored review: the editor is shown which ones, and saves again to confirm.
        var removing = Tool.Reviews.Select(r => r.Critic).Where(c => Rows.Any(row => row.Critic == c && row.IsEmpty)).ToList();
        var confirmed = (ConfirmRemove ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (removing.Except(confirmed, StringComparer.Ordinal).Any())
        {
            var names = Critics.ToDictionary(c => c.Slug, c => c.Name, StringComparer.Ordinal);
            Removing = removing.Select(c => (c, names.GetValueOrDefault(c, c))).ToList();
            return Invalid(StatusCodes.Status400BadRequest);
        }

        switch (await tools.SaveReviewsAsync(id, Version, reviews, User.EditorId()!.Value))
        {
            case SaveOutcome.NotFound:
                return NotFound();
            case SaveOutcome.Conflict:
                FormError = "Another editor changed this tool after you opened it, so your reviews were not saved. Your input is kept below: open the page again in a new tab to see their version, then re-apply your changes.";
                return Invalid(StatusCodes.Status409Conflict);
            default:
                return Redirect($"/admin/tools/reviews/{id}?saved=true");
        }
    }

    private async Task<bool> LoadAsync(long id)
    {
        var tool = await tools.GetAsync(id);
        if (tool is null) return false;
        Tool = tool;
        Critics = await tools.CriticsAsync();
        return true;
    }

    private PageResult Invalid(int status)
    {
        Response.StatusCode = status;
        return Page();
    }

    private static string Sentence(FieldProblem p)
    {
        var label = p.Field switch
        {
            "score" => "Score",
            "verdict" => "Verdict",
            "quote" => "Quote",
            "reviewed" => "Review date",
            _ => "Critic",
        };
        return $"{label} {p.Message}.";
    }
}

/// <summary>One critic's row of the reviews form.</summary>
public sealed class ReviewRow
{
    public string? Critic { get; set; }
    public string? Score { get; set; }
    public string? Verdict { get; set; }
    public string? Quote { get; set; }
    public string? Reviewed { get; set; }

    /// <summary>
    /// No review: score, verdict and quote all empty. The date is left out of the question: a stored review's
    /// row shows its date, and an editor emptying the row to remove the review should not have to clear it too.
    /// </summary>
    public bool IsEmpty =>
        string.IsNullOrWhiteSpace(Score) && string.IsNullOrWhiteSpace(Verdict) && string.IsNullOrWhiteSpace(Quote);
}
