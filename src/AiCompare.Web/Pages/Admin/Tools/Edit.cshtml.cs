using System.Globalization;
using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Hosting;
using AiCompare.Web.Pages.Admin.Accounts;
using AiCompare.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace AiCompare.Web.Pages.Admin.Tools;

/// <summary>Create (<c>/admin/tools/edit</c>) or edit (<c>/admin/tools/edit/{id}</c>) a tool's fields.</summary>
public sealed class EditModel(ToolAdminRepository tools, AuditRepository audit, Markdown markdown, IOptions<AdminOptions> admin) : PageModel
{
    /// <summary>Content-format field names → form fields, so Domain's problems land beside the right input.</summary>
    private static readonly Dictionary<string, string> FieldOf = ToolForm.Fields.ToDictionary(f => f.Key, f => f.Property, StringComparer.Ordinal);

    /// <summary>Form property → the id of its control, for the error summary's links (in the form's order).</summary>
    private static readonly (string Key, string ControlId)[] Controls =
        [.. ToolForm.Fields.Select(f => (f.Property, f.ControlId)), (nameof(PublishDate), "publish-date"), (nameof(PublishTime), "publish-time")];

    [BindProperty]
    public ToolForm Form { get; set; } = new();

    /// <summary>The schedule form's day (YYYY-MM-DD) and time (HH:MM, UTC), as typed.</summary>
    [BindProperty]
    public string? PublishDate { get; set; }

    [BindProperty]
    public string? PublishTime { get; set; }

    public long? Id { get; private set; }

    /// <summary>Whether the tool is on the site. A new tool starts as a draft.</summary>
    public bool IsPublished { get; private set; }

    /// <summary>When a draft is scheduled to go on the site (UTC), else null.</summary>
    public DateTimeOffset? PublishAt { get; private set; }

    /// <summary>The slug the tool has now (what its preview and public links use), not the one being typed.</summary>
    public string? StoredSlug { get; private set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);
    public string? FormError { get; private set; }
    public string? PreviewHtml { get; private set; }
    public IReadOnlyList<SlugOwner> NearMatches { get; private set; } = [];

    /// <summary>The tool whose address the typed slug is, when the save was refused for it.</summary>
    public SlugOwner? SlugHolder { get; private set; }

    public IReadOnlyList<string> Categories { get; private set; } = [];

    /// <summary>
    /// After a conflict, the editor's choice per field (form property name → <c>mine</c> or <c>stored</c>):
    /// a save takes the stored value of each field marked <c>stored</c> rather than the one typed.
    /// </summary>
    [BindProperty]
    public Dictionary<string, string> Choice { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When a save was refused because someone saved first: what differs, and who saved it when.</summary>
    public ToolConflict? Conflict { get; private set; }

    /// <summary>What the last step did, from the redirect after it: saved, published, scheduled, unscheduled.</summary>
    public string? Done { get; private set; }

    /// <summary>The errors of a failed save, in the form's order, for the summary at the top.</summary>
    /// <summary>How often the scheduled publisher looks for drafts whose time has come (<c>Admin:PublisherIntervalSeconds</c>).</summary>
    public int PublisherIntervalSeconds => admin.Value.PublisherIntervalSeconds;

    public ErrorSummary Summary => ErrorSummary.Of(Errors, Controls, FormError);

    public async Task<IActionResult> OnGetAsync(long? id, bool saved = false, string? done = null)
    {
        Categories = await tools.CategoryNamesAsync();
        Done = saved ? "saved" : done is "published" or "scheduled" or "unscheduled" or "created" ? done : null;
        if (done == "not-published")
            FormError = "Not published: the tool was saved, published or scheduled by someone after you opened the page. Its status below is as it is now; publish again if you still want to.";
        if (id is null) return Page();
        var tool = await tools.GetAsync(id.Value);
        if (tool is null) return NotFound();
        Show(tool);
        Form = ToolForm.From(tool);
        if (tool.PublishAt is { } at)
        {
            PublishDate = at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            PublishTime = at.ToString("HH:mm", CultureInfo.InvariantCulture);
        }
        return Page();
    }

    [KeepsInputOnStorageFault]
    public async Task<IActionResult> OnPostAsync(long? id)
    {
        Id = id;
        Categories = await tools.CategoryNamesAsync();
        if (id is not null)
        {
            var current = await tools.GetAsync(id.Value);
            if (current is null) return NotFound();
            Show(current);
            // After a conflict the editor chose, field by field, to take what is stored now.
            if (current.Version == Form.Version)
                ToolConflict.TakeStored(Form, ToolForm.From(current), Choice.Where(c => c.Value == "stored").Select(c => c.Key));
        }
        if (string.IsNullOrWhiteSpace(Form.Slug) && !string.IsNullOrWhiteSpace(Form.Name))
            Form.Slug = Slug.FromName(Form.Name);

        var (content, problems) = ContentRules.ValidateTool(Form.ToDraft(IsPublished), _ => true);
        foreach (var problem in problems)
        {
            // An empty slug is made from the name: with no name there is nothing to say about it but the name's error.
            if (problem.Field == "slug" && string.IsNullOrWhiteSpace(Form.Slug)) continue;
            Errors.TryAdd(FieldOf.GetValueOrDefault(problem.Field, nameof(ToolForm.Name)), Sentence(problem));
        }

        // A new tool like one the catalog has is named before anything else is said about its slug.
        if (id is null && !Form.ConfirmDuplicate && !string.IsNullOrWhiteSpace(Form.Name))
        {
            var slug = (Form.Slug ?? "").Trim();
            NearMatches = NearDuplicates.Find(Form.Name.Trim(), slug, await tools.AllNamesAsync(), t => t.Slug, t => t.Name);
            if (NearMatches.Count > 0)
            {
                FormError = "This looks like a tool the catalog already has (listed below). If it is a different tool, check its fields and save again.";
                if (Slug.IsValid(slug) && await tools.SlugOwnerAsync(slug) is { } owner)
                {
                    SlugHolder = owner;
                    Form.Slug = await tools.FreeSlugAsync(slug);
                    FormError += $" The address '{slug}' is {owner.Name}'s, so the slug is now '{Form.Slug}'.";
                }
                Form.ConfirmDuplicate = true;
                return Invalid();
            }
        }
        if (content is null) return Invalid();

        var editor = User.EditorId()!.Value;
        if (id is null)
        {
            var (outcome, newId) = await tools.CreateAsync(content, editor);
            if (outcome == SaveOutcome.SlugTaken) return await SlugTakenAsync();
            return Redirect($"/admin/tools/edit/{newId}?done=created");
        }

        switch (await tools.UpdateAsync(id.Value, Form.Version, content, editor))
        {
            case SaveOutcome.NotFound:
                return NotFound();
            case SaveOutcome.SlugTaken:
                return await SlugTakenAsync();
            case SaveOutcome.Conflict:
                return await ConflictAsync(id.Value);
            default:
                return Redirect($"/admin/tools/edit/{id}?saved=true");
        }
    }

    /// <summary>Shows the description rendered by the public pipeline; saves nothing.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(long? id)
    {
        Id = id;
        Categories = await tools.CategoryNamesAsync();
        if (id is not null && await tools.GetAsync(id.Value) is { } current) Show(current);
        PreviewHtml = markdown.ToHtml(Form.Description);
        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(long id, long version, bool publish)
    {
        // Taking a tool off the site is asked for on a page of its own, and confirmed there.
        if (!publish) return Redirect($"/admin/tools/unpublish/{id}");
        var outcome = await tools.SetPublishedAsync(id, version, publish, User.EditorId()!.Value);
        return outcome switch
        {
            SaveOutcome.NotFound => NotFound(),
            SaveOutcome.Conflict => Redirect($"/admin/tools/edit/{id}?done=not-published"),
            _ => Redirect($"/admin/tools/edit/{id}?done=published"),
        };
    }

    /// <summary>Schedules a draft for the day and time typed (UTC), or with <paramref name="cancel"/> drops its schedule.</summary>
    [KeepsInputOnStorageFault]
    public async Task<IActionResult> OnPostScheduleAsync(long id, long version, bool cancel)
    {
        var tool = await tools.GetAsync(id);
        if (tool is null) return NotFound();
        Show(tool);
        Categories = await tools.CategoryNamesAsync();
        Form = ToolForm.From(tool);

        DateTimeOffset? at = null;
        if (!cancel)
        {
            var (when, dateError, timeError) = ReadSchedule(PublishDate, PublishTime, DateTimeOffset.UtcNow);
            if (dateError is not null) Errors[nameof(PublishDate)] = dateError;
            if (timeError is not null) Errors[nameof(PublishTime)] = timeError;
            if (when is null) return Invalid();
            at = when;
        }
        var outcome = await tools.ScheduleAsync(id, version, at, User.EditorId()!.Value);
        switch (outcome)
        {
            case SaveOutcome.NotFound:
                return NotFound();
            case SaveOutcome.AlreadyPublished:
                FormError = $"{tool.Name} is already on the site, so there is nothing to schedule.";
                return Invalid(StatusCodes.Status409Conflict);
            case SaveOutcome.Conflict:
                FormError = "This tool was saved, published or scheduled by someone after you opened it, so the schedule was not changed. Its status above is as it is now; schedule it again if you still want to.";
                return Invalid(StatusCodes.Status409Conflict);
            default:
                return Redirect($"/admin/tools/edit/{id}?done={(cancel ? "unscheduled" : "scheduled")}");
        }
    }

    /// <summary>
    /// A schedule typed as a day (YYYY-MM-DD) and a time (HH:MM, 24-hour, UTC; empty means 00:00). It must be in
    /// the future: a time already past would publish at once, which "Publish now" says more plainly.
    /// </summary>
    public static (DateTimeOffset? At, string? DateError, string? TimeError) ReadSchedule(string? date, string? time, DateTimeOffset now)
    {
        string? dateError = null, timeError = null;
        var day = default(DateOnly);
        var clock = TimeOnly.MinValue;
        if (string.IsNullOrWhiteSpace(date))
            dateError = "Publish on: enter the day, as YYYY-MM-DD.";
        else if (!DateOnly.TryParseExact(date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            dateError = $"Publish on: '{date.Trim()}' is not a day written as YYYY-MM-DD, like {now.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.";
        if (!string.IsNullOrWhiteSpace(time) && !TimeOnly.TryParseExact(time.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out clock))
            timeError = $"At (UTC): '{time.Trim()}' is not a time written as HH:MM (24-hour), like 09:30.";
        if (dateError is not null || timeError is not null) return (null, dateError, timeError);
        var at = new DateTimeOffset(day.ToDateTime(clock), TimeSpan.Zero);
        if (at <= now)
            return (null, $"Publish on: {ToolAdminRepository.ScheduleText(at)} has already passed. Choose a later time, or use \"Publish now\".", null);
        return (at, null, null);
    }

    private void Show(ToolEditData tool)
    {
        Id = tool.Id;
        IsPublished = tool.IsPublished;
        PublishAt = tool.PublishAt;
        StoredSlug = tool.Slug;
    }

    /// <summary>
    /// Someone saved the tool after this form was opened: nothing typed is lost. The page shows, field by
    /// field, what is stored now against what was typed, who saved it and when; the form now carries the
    /// stored version, so saving again (keeping or taking each field) succeeds unless yet another save came first.
    /// </summary>
    private async Task<IActionResult> ConflictAsync(long id)
    {
        var stored = await tools.GetAsync(id);
        if (stored is null) return NotFound();
        Show(stored);
        var last = await audit.LatestAsync("tool " + stored.Slug);
        var me = User.EditorId();
        var storedForm = ToolForm.From(stored);
        Conflict = ToolConflict.Resolve(storedForm, Form, Form.Original, last?.Entry.Who, last?.EditorId is { } by && by == me, last?.Entry.At);
        Form.Version = stored.Version;
        Form.Original = storedForm.Original;
        Form.ConfirmDuplicate = false;
        Choice.Clear();
        FormError = Conflict.Sentence;
        return Invalid(StatusCodes.Status409Conflict);
    }

    private async Task<PageResult> SlugTakenAsync()
    {
        var slug = (Form.Slug ?? "").Trim();
        SlugHolder = await tools.SlugOwnerAsync(slug);
        var free = await tools.FreeSlugAsync(slug);
        Errors[nameof(ToolForm.Slug)] = SlugHolder is null
            ? $"Slug: '{slug}' was just taken by another tool. Choose another, for example '{free}'."
            : $"Slug: '{slug}' is already the address of {SlugHolder.Name}{(SlugHolder.Slug == slug ? "" : $" (its old address, which still leads to it)")}. Choose another, for example '{free}'.";
        return Invalid();
    }

    private PageResult Invalid(int status = StatusCodes.Status400BadRequest)
    {
        Response.StatusCode = status;
        return Page();
    }

    private static string Sentence(FieldProblem problem)
    {
        var label = ToolForm.Labels.GetValueOrDefault(problem.Field, problem.Field);
        return $"{label} {problem.Message}.".Replace("..", ".", StringComparison.Ordinal);
    }
}

/// <summary>The tool form as posted: text exactly as typed, validated by Domain's rules.</summary>
public sealed class ToolForm
{
    /// <summary>
    /// The form's fields in order: the name the content format (and Domain's problems) give it, the form
    /// property, its label, the id of its control, and how to read and set it.
    /// </summary>
    public static readonly Field[] Fields =
    [
        new("name", nameof(Name), "Name", "name", f => f.Name, (f, v) => f.Name = v),
        new("slug", nameof(Slug), "Slug", "slug", f => f.Slug, (f, v) => f.Slug = v),
        new("tagline", nameof(Tagline), "Tagline", "tagline", f => f.Tagline, (f, v) => f.Tagline = v),
        new("category", nameof(Category), "Category", "category", f => f.Category, (f, v) => f.Category = v),
        new("vendor", nameof(Vendor), "Vendor", "vendor", f => f.Vendor, (f, v) => f.Vendor = v),
        new("website", nameof(Website), "Website", "website", f => f.Website, (f, v) => f.Website = v),
        new("reviewed", nameof(Reviewed), "Reviewed", "reviewed", f => f.Reviewed, (f, v) => f.Reviewed = v),
        new("best_for", nameof(BestFor), "Best for", "best-for", f => f.BestFor, (f, v) => f.BestFor = v),
        new("pricing.entry", nameof(Entry), "Entry", "entry", f => f.Entry, (f, v) => f.Entry = v),
        new("pricing.summary", nameof(PricingSummary), "Pricing summary", "pricing-summary", f => f.PricingSummary, (f, v) => f.PricingSummary = v),
        new("pricing.input_per_mtok", nameof(InputPerMTok), "Input price per 1M tokens", "input-price", f => f.InputPerMTok, (f, v) => f.InputPerMTok = v),
        new("pricing.output_per_mtok", nameof(OutputPerMTok), "Output price per 1M tokens", "output-price", f => f.OutputPerMTok, (f, v) => f.OutputPerMTok = v),
        new("description", nameof(Description), "Description", "description", f => f.Description, (f, v) => f.Description = v),
    ];

    /// <summary>Content-format field names → labels.</summary>
    public static readonly Dictionary<string, string> Labels = Fields.ToDictionary(f => f.Key, f => f.Label, StringComparer.Ordinal);

    /// <summary>One field of the form (see <see cref="Fields"/>).</summary>
    public sealed record Field(string Key, string Property, string Label, string ControlId, Func<ToolForm, string?> Get, Action<ToolForm, string?> Set);

    public string? Name { get; set; }
    public string? Slug { get; set; }
    public string? Tagline { get; set; }
    public string? Category { get; set; }
    public string? Vendor { get; set; }
    public string? Website { get; set; }
    public string? Reviewed { get; set; }
    public string? BestFor { get; set; }
    public string? Entry { get; set; }
    public string? PricingSummary { get; set; }
    public string? InputPerMTok { get; set; }
    public string? OutputPerMTok { get; set; }
    public string? Description { get; set; }
    public long Version { get; set; }

    /// <summary>The fingerprint of the values the form was opened with (<see cref="ToolConflict.Fingerprint"/>), for merging after a conflict.</summary>
    public string? Original { get; set; }

    public bool ConfirmDuplicate { get; set; }

    public ToolDraft ToDraft(bool published) => new(
        (Slug ?? "").Trim(), Name, Tagline, Category, Vendor, Website, Reviewed, BestFor, Entry, PricingSummary,
        InputPerMTok, OutputPerMTok, [], Description, published ? "true" : "false");

    public static ToolForm From(ToolEditData t)
    {
        var form = Values(t);
        form.Original = ToolConflict.Fingerprint(form);
        return form;
    }

    private static ToolForm Values(ToolEditData t) => new()
    {
        Name = t.Name,
        Slug = t.Slug,
        Tagline = t.Tagline,
        Category = t.Category,
        Vendor = t.Vendor,
        Website = t.Website,
        Reviewed = t.Reviewed?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        BestFor = t.BestFor,
        Entry = t.Entry.ToString().ToLowerInvariant(),
        PricingSummary = t.PricingSummary,
        InputPerMTok = t.InputPerMTok?.ToString(CultureInfo.InvariantCulture),
        OutputPerMTok = t.OutputPerMTok?.ToString(CultureInfo.InvariantCulture),
        Description = t.Description,
        Version = t.Version,
    };
}
