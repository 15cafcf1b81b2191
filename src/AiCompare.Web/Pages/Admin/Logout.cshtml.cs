using AiCompare.Data;
using AiCompare.Web.Pages.Admin.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AiCompare.Web.Pages.Admin;

/// <summary>Sign-out (POST only): a new security stamp ends this editor's sessions everywhere.</summary>
public sealed class LogoutModel(EditorRepository editors, ILogger<LogoutModel> logger) : PageModel
{
    public IActionResult OnGet() => Redirect("/admin");

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.EditorId() is { } id)
        {
            await editors.RotateStampAsync(id);
            logger.LogInformation("Security: editor #{EditorId} signed out everywhere", id);
        }
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/admin/login");
    }
}
