using System.Globalization;
using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Hosting;
using AiCompare.Web.Pages.Admin.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AiCompare.Web.Pages.Admin.Critics;

/// <summary>Add (<c>/admin/critics/edit</c>) or edit (<c>/admin/critics/edit/{slug}</c>) a critic. A critic's slug is fixed once created.</summary>
public sealed class EditModel(CriticAdminRepository critics, Markdown markdown) : PageModel
{
    [BindProperty]
    public CriticForm Form { get; set; } = new();

    public string? Slug { get; private set; }
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);
    public string? FormError { get; private set; }
    public string? PreviewHtml { get; private set; }
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? slug, bool saved = false)
    {
        Saved = saved;
        if (slug is null) return Page();
        var critic = await critics.GetAsync(slug);
        if (critic is null) return NotFound();
        Slug = critic.Slug;
        Form = CriticForm.From(critic);
        return Page();
    }

    [KeepsInputOnStorageFault]
    public async Task<IActionResult> OnPostAsync(string? slug)
    {
        Slug = slug;
        if (slug is not null && await critics.GetAsync(slug) is null) return NotFound();
        var draftSlug = slug ?? (string.IsNullOrWhiteSpace(Form.Slug) ? AiCompare.Domain.Slug.FromName(Form.Name ?? "") : Form.Slug.Trim());
        Form.Slug = draftSlug;
        var (critic, problems) = ContentRules.ValidateCritic(Form.ToDraft(draftSlug));
        foreach (var p in problems) Errors.TryAdd(p.Field.Split('[')[0], $"{CriticForm.FieldLabel(p.Field)} {p.Message}.");
        if (critic is null) return Invalid();
        if (!await critics.SaveAsync(critic, create: slug is null, User.EditorId()!.Value))
        {
            Errors["slug"] = $"Slug {draftSlug} is already used by another critic.";
            return Invalid();
        }
        return Redirect($"/admin/critics/edit/{critic.Slug}?saved=true");
    }

    public IActionResult OnPostPreview(string? slug)
    {
        Slug = slug;
        PreviewHtml = markdown.ToHtml(Form.Bio);
        return Page();
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}

/// <summary>The critic form as posted; list fields take one item per line.</summary>
public sealed class CriticForm
{
    public string? Slug { get; set; }
    public string? Name { get; set; }
    public string? Label { get; set; }
    public string? Role { get; set; }
    public string? Motto { get; set; }
    public string? Order { get; set; }
    public string? ExcitedAbout { get; set; }
    public string? TiredOf { get; set; }
    public string? Bio { get; set; }

    public static string FieldLabel(string field) => field.Split('[')[0] switch
    {
        "slug" => "Slug",
        "name" => "Name",
        "label" => "Label",
        "role" => "Role",
        "motto" => "Motto",
        "order" => "Panel order",
        "excited_about" => "Gets excited about",
        "tired_of" => "Tired of",
        _ => "Bio",
    };

    public CriticDraft ToDraft(string slug) => new(slug, Name, Label, Role, Motto, Order, Lines(ExcitedAbout), Lines(TiredOf), Bio);

    public static CriticForm From(CriticEditData c) => new()
    {
        Slug = c.Slug,
        Name = c.Name,
        Label = c.Label,
        Role = c.Role,
        Motto = c.Motto,
        Order = c.Order.ToString(CultureInfo.InvariantCulture),
        ExcitedAbout = string.Join('\n', c.ExcitedAbout),
        TiredOf = string.Join('\n', c.TiredOf),
        Bio = c.Bio,
    };

    private static string[] Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
