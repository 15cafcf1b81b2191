using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Hosting;
using AiCompare.Web.Pages.Admin.Accounts;
using AiCompare.Web.Pages.Votes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace AiCompare.Web.Pages.Admin;

/// <summary>
/// Editor sign-in. One message for every failure, so it never tells whether an email exists, and one
/// password verification on every path (unknown email, throttled address, wrong or right password), so
/// the time taken does not tell either. Failures are throttled per (account, address) by <see cref="SignInThrottle"/>.
/// </summary>
[EnableRateLimiting(RateLimits.Login)]
public sealed class LoginModel(
    EditorRepository editors,
    SignInThrottle throttle,
    EditorPasswords passwords,
    AddressHasher addresses,
    LogHasher hasher,
    ILogger<LoginModel> logger) : PageModel
{
    public const string Failure = "That email and password did not match an active account, or sign-in from here is paused after repeated failures. Check them, or wait a few minutes and try again.";

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
        var editor = email is null ? null : await editors.FindByEmailAsync(email);
        if (editor is null)
        {
            passwords.VerifyDummy(password);
            logger.LogWarning("Security: sign-in failed for unknown address {EmailHash}", hasher.Of(email ?? Email ?? ""));
            return Fail();
        }

        // Prefixed so that this hash of an address never equals the one stored with its votes.
        var client = ClientAddress.Of(HttpContext);
        var address = addresses.Of("sign-in " + client);
        var attempt = await throttle.TryBeginAsync(editor.Id, address, DateTimeOffset.UtcNow);
        if (!attempt.Allowed)
        {
            passwords.VerifyDummy(password);
            logger.LogWarning("Security: sign-in refused for editor #{EditorId} from {Address}: {Reason}", editor.Id, hasher.Of(client),
                attempt.AccountBusy ? "the account is over its failure budget and this address has failed" : $"{attempt.Failures} failures from this address, paused until {attempt.BlockedUntil:O}");
            return Fail();
        }
        if (!passwords.Verify(editor.PasswordHash, password, out var rehash) || editor.IsDisabled)
        {
            if (attempt.BlockedUntil is { } until)
                logger.LogWarning("Security: sign-in for editor #{EditorId} from {Address} paused until {Until} after {Count} failures", editor.Id, hasher.Of(client), until, attempt.Failures);
            else
                logger.LogWarning("Security: sign-in failed for editor #{EditorId}{Disabled}", editor.Id, editor.IsDisabled ? " (disabled)" : "");
            return Fail();
        }

        await throttle.SucceededAsync(editor.Id, address, attempt);
        if (rehash is not null) await editors.StoreRehashAsync(editor.Id, rehash);
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
