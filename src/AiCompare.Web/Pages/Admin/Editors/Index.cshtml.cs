using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Hosting;
using AiCompare.Web.Pages.Admin.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AiCompare.Web.Pages.Admin.Editors;

/// <summary>Editor accounts (admins only): add, change role, disable or enable.</summary>
public sealed class IndexModel(EditorRepository editors, SignInThrottle throttle, EditorPasswords passwords, ILogger<IndexModel> logger) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public IReadOnlyList<EditorAccount> Editors { get; private set; } = [];

    /// <summary>Failed sign-ins of the last 24 hours per editor id: counts and times, never addresses.</summary>
    public IReadOnlyDictionary<long, SignInFailures> Failures { get; private set; } = new Dictionary<long, SignInFailures>();
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);
    public string? Notice { get; private set; }

    public async Task OnGetAsync(string? notice)
    {
        Notice = notice switch
        {
            "created" => "Editor added.",
            "role" => "Role changed; their sessions have ended.",
            "disabled" => "Account disabled; its sessions have ended.",
            "enabled" => "Account enabled; its sign-in failures and paused addresses are cleared.",
            _ => null,
        };
        Editors = await editors.ListAsync();
        Failures = await throttle.RecentAsync(DateTimeOffset.UtcNow);
    }

    [KeepsInputOnStorageFault]
    public async Task<IActionResult> OnPostCreateAsync()
    {
        // Listed before the write, so the page can be shown again with the input if the save fails.
        Editors = await editors.ListAsync();
        Failures = await throttle.RecentAsync(DateTimeOffset.UtcNow);
        var email = AccountRules.NormaliseEmail(Email);
        if (email is null) Errors["Email"] = "Enter a valid email address.";
        if (string.IsNullOrWhiteSpace(DisplayName)) Errors["DisplayName"] = "Enter the name shown in the audit log.";
        else if (DisplayName.Trim().Length > 80) Errors["DisplayName"] = "Use at most 80 characters.";
        if (!AccountRules.TryRole(Role, out var role)) Errors["Role"] = "Choose editor or admin.";
        if (AccountRules.PasswordProblem(Password) is { } problem) Errors["Password"] = problem;
        if (Errors.Count == 0)
        {
            var id = await editors.CreateAsync(email!, DisplayName!.Trim(), passwords.Hash(Password!), role, User.EditorId());
            if (id is not null)
            {
                logger.LogInformation("Security: editor #{EditorId} created by #{ActorId} with role {Role}", id, User.EditorId(), AccountRules.Token(role));
                return Redirect("/admin/editors?notice=created");
            }
            Errors["Email"] = "An editor with that email already exists.";
        }
        Password = null;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostRoleAsync(long id, string? role)
    {
        if (!AccountRules.TryRole(role, out var parsed) || await editors.FindByIdAsync(id) is null) return BadRequest();
        if (id == User.EditorId()) return BadRequest(); // an admin cannot demote themselves into a locked-out site
        await editors.SetRoleAsync(id, parsed, User.EditorId()!.Value);
        logger.LogInformation("Security: editor #{EditorId} role set to {Role} by #{ActorId}", id, AccountRules.Token(parsed), User.EditorId());
        return Redirect("/admin/editors?notice=role");
    }

    public async Task<IActionResult> OnPostDisableAsync(long id, bool disable)
    {
        if (await editors.FindByIdAsync(id) is null || id == User.EditorId()) return BadRequest();
        await editors.SetDisabledAsync(id, disable, User.EditorId()!.Value);
        logger.LogInformation("Security: editor #{EditorId} {Change} by #{ActorId}", id, disable ? "disabled" : "enabled", User.EditorId());
        return Redirect(disable ? "/admin/editors?notice=disabled" : "/admin/editors?notice=enabled");
    }
}
