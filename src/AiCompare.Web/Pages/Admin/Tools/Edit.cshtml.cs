using System.Globalization;
using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Hosting;
using AiCompare.Web.Pages.Admin.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AiCompare.Web.Pages.Admin.Tools;

/// <summary>Create (<c>/admin/tools/edit</c>) or edit (<c>/admin/tools/edit/{id}</c>) a tool's fields.</summary>
public sealed class EditModel(ToolAdminRepository tools, Markdown markdown) : PageModel
{
    /// <summary>Content-format field names → form fields, so Domain's problems land beside the right input.</summary>
    private static readonly Dictionary<string, string> FieldOf = new(StringComparer.Ordinal)
    {
        ["name"] = nameof(ToolForm.Name),
        ["slug"] = nameof(ToolForm.Slug),
        ["tagline"] = nameof(ToolForm.Tagline),
        ["category"] = nameof(ToolForm.Category),
        ["vendor"] = nameof(ToolForm.Vendor),
        ["website"] = nameof(ToolForm.Website),
        ["reviewed"] = nameof(ToolForm.Reviewed),
        ["best_for"] = nameof(ToolForm.BestFor),
        ["pricing.entry"] = nameof(ToolForm.Entry),
        ["pricing.summary"] = nameof(ToolForm.PricingSummary),
        ["pricing.input_per_mtok"] = nameof(ToolForm.InputPerMTok),
        ["pricing.output_per_mtok"] = nameof(ToolForm.OutputPerMTok),
        ["description"] = nameof(ToolForm.Description),
    };

    [BindProperty]
    public ToolForm Form { get; set; } = new();

    public long? Id { get; private set; }
    public bool IsPublished { get; private set; } = true;
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);
    public string? FormError { get; private set; }
    public string? PreviewHtml { get; private set; }
    public IReadOnlyList<ToolName> NearMatches { get; private set; } = [];
    public IReadOnlyList<string> Categories { get; private set; } = [];
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(long? id, bool saved = false)
    {
        Categories = await tools.CategoryNamesAsync();
        Saved = saved;
        if (id is null) return Page();
        var tool = await tools.GetAsync(id.Value);
        if (tool is null) return NotFound();
        Id = tool.Id;
        IsPublished = tool.IsPublished;
        Form = ToolForm.From(tool);
        return Page();
    }

    [KeepsInputOnStorageFault]
    public async Task<IActionResult> OnPostAsync(long? id)
    {
        Id = id;
        Categories = await tools.CategoryNamesAsync();
        ToolEditData? current = null;
        if (id is not null)
        {
            current = await tools.GetAsync(id.Value);
            if (current is null) return NotFound();
            IsPublished = current.IsPublished;
        }
        if (string.IsNullOrWhiteSpace(Form.Slug) && !string.IsNullOrWhiteSpace(Form.Name))
            Form.Slug = Slug.FromName(Form.Name);

        var (content, problems) = ContentRules.ValidateTool(Form.ToDraft(IsPublished), _ => true);
        foreach (var problem in problems)
            Errors.TryAdd(FieldOf.GetValueOrDefault(problem.Field, nameof(ToolForm.Name)), Sentence(problem));
        if (content is null) return Invalid();

        if (id is null && !Form.ConfirmDuplicate)
        {
            NearMatches = NearDuplicates.Find(content.Name, content.Slug, await tools.AllNamesAsync(), t => t.Slug, t => t.Name);
            if (NearMatches.Count > 0)
            {
                FormError = "This looks close to a tool already in the catalog. Check the list below; to add it anyway, save again.";
                Form.ConfirmDuplicate = true;
                return Invalid();
            }
        }

        var editor = User.EditorId()!.Value;
        if (id is null)
        {
            var (outcome, newId) = await tools.CreateAsync(content, editor);
            if (outcome == SaveOutcome.SlugTaken) return SlugTaken();
            return Redirect($"/admin/tools/edit/{newId}?saved=true");
        }

        switch (await tools.UpdateAsync(id.Value, Form.Version, content, editor))
        {
            case SaveOutcome.NotFound:
                return NotFound();
            case SaveOutcome.SlugTaken:
                return SlugTaken();
            case SaveOutcome.Conflict:
                FormError = "Another editor saved this tool after you opened it, so your changes were not saved. Your input is kept below: open the tool again in a new tab to see their version, then re-apply your changes.";
                return Invalid(StatusCodes.Status409Conflict);
            default:
                return Redirect($"/admin/tools/edit/{id}?saved=true");
        }
    }

    /// <summary>Shows the description rendered by the public pipeline; saves nothing.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(long? id)
    {
        Id = id;
        Categories = await tools.CategoryNamesAsync();
        if (id is not null && await tools.GetAsync(id.Value) is { } current) IsPublished = current.IsPublished;
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
            SaveOutcome.Conflict => Redirect($"/admin/tools/edit/{id}?saved=false"),
            _ => Redirect($"/admin/tools/edit/{id}?saved=true"),
        };
    }

    private PageResult SlugTaken()
    {
        Errors[nameof(ToolForm.Slug)] = $"The slug '{Form.Slug}' is already used by another tool or one of its old addresses. Choose another.";
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
    public static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["name"] = "Name",
        ["slug"] = "Slug",
        ["tagline"] = "Tagline",
        ["category"] = "Category",
        ["vendor"] = "Vendor",
        ["website"] = "Website",
        ["reviewed"] = "Reviewed",
        ["best_for"] = "Best for",
        ["pricing.entry"] = "Entry",
        ["pricing.summary"] = "Pricing summary",
        ["pricing.input_per_mtok"] = "Input price per 1M tokens",
        ["pricing.output_per_mtok"] = "Output price per 1M tokens",
        ["description"] = "Description",
    };

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
    public bool ConfirmDuplicate { get; set; }

    public ToolDraft ToDraft(bool published) => new(
        (Slug ?? "").Trim(), Name, Tagline, Category, Vendor, Website, Reviewed, BestFor, Entry, PricingSummary,
        InputPerMTok, OutputPerMTok, [], Description, published ? "true" : "false");

    public static ToolForm From(ToolEditData t) => new()
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
