using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Hosting;
using AiCompare.Web.Pages.Admin.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AiCompare.Web.Pages.Admin;

/// <summary>Change your own password; every other session of yours ends.</summary>
public sealed class AccountModel(EditorRepository editors, EditorPasswords passwords, ILogger<AccountModel> logger) : PageModel
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);
    public bool Changed { get; private set; }

    public void OnGet(bool changed = false) => Changed = changed;

    [KeepsInputOnStorageFault]
    public async Task<IActionResult> OnPostAsync()
    {
        var editor = await editors.FindByIdAsync(User.EditorId()!.Value);
        if (editor is null) return Forbid();
        if (string.IsNullOrEmpty(CurrentPassword) || !passwords.Verify(editor.PasswordHash, CurrentPassword, out _))
            Errors["CurrentPassword"] = "That is not your current password.";
        if (AccountRules.PasswordProblem(NewPassword) is { } problem) Errors["NewPassword"] = problem;
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var stamp = await editors.ChangePasswordAsync(editor.Id, passwords.Hash(NewPassword!), editor.Id);
        logger.LogInformation("Security: editor #{EditorId} changed their password; other sessions ended", editor.Id);
        // This session continues with the new stamp; every other one fails validation on its next request.
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, EditorClaims.Principal(editor with { SecurityStamp = stamp }));
        return Redirect("/admin/account?changed=true");
    }
}
