using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Hosting;
using AiCompare.Web.Pages.Admin.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace AiCompare.Web.Pages.Admin;

/// <summary>Editor sign-in. One message for every failure, so it never tells whether an email exists.</summary>
[EnableRateLimiting(RateLimits.Login)]
public sealed class LoginModel(EditorRepository editors, EditorPasswords passwords, LogHasher hasher, ILogger<LoginModel> logger) : PageModel
{
    public const string Failure = "That email and password did not match an active account, or sign-in is paused after repeated failures. Try again, or wait 15 minutes.";

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    [KeepsInputOnStorageFault]
    public async Task<IActionResult> OnPostAsync()
    {
        var email = AccountRules.NormaliseEmail(Email);
        var password = Password ?? "";
        var who = hasher.Of(email ?? Email ?? "");
        var editor = email is null ? null : await editors.FindByEmailAsync(email);
        if (editor is null)
        {
            passwords.VerifyDummy(password);
            logger.LogWarning("Security: sign-in failed for unknown address {EmailHash}", who);
            return Fail();
        }
        if (editor.LockoutEnd is { } until && until > DateTimeOffset.UtcNow)
        {
            logger.LogWarning("Security: sign-in refused for locked editor #{EditorId} until {Until}", editor.Id, until);
            return Fail();
        }
        if (!passwords.Verify(editor.PasswordHash, password, out var rehash) || editor.IsDisabled)
        {
            var (_, lockoutEnd) = await editors.RecordFailureAsync(editor.Id, AdminSetup.LockoutThreshold, AdminSetup.LockoutDuration);
            if (lockoutEnd is { } locked && locked > DateTimeOffset.UtcNow)
                logger.LogWarning("Security: editor #{EditorId} locked out until {Until} after {Count} failed sign-ins", editor.Id, locked, AdminSetup.LockoutThreshold);
            else
                logger.LogWarning("Security: sign-in failed for editor #{EditorId}{Disabled}", editor.Id, editor.IsDisabled ? " (disabled)" : "");
            return Fail();
        }

        await editors.RecordSuccessAsync(editor.Id, rehash);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, EditorClaims.Principal(editor));
        logger.LogInformation("Security: editor #{EditorId} signed in{Rehashed}", editor.Id, rehash is null ? "" : " (password rehashed)");
        return LocalRedirect(LocalUrl.OrDefault(ReturnUrl, "/admin", under: "/admin"));
    }

    private PageResult Fail()
    {
        Error = Failure;
        Password = null;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
