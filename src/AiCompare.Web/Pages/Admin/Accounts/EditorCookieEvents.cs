using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using AiCompare.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace AiCompare.Web.Pages.Admin.Accounts;

/// <summary>
/// Checks every admin request's cookie against the editor's current security stamp, so that signing
/// out, changing a password, a role change or disabling the account ends all of that editor's sessions.
/// </summary>
public sealed class EditorCookieEvents(EditorRepository editors, ILogger<EditorCookieEvents> logger) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.EditorId();
        var stamp = context.Principal?.FindFirstValue(EditorClaims.Stamp);
        var editor = id is null ? null : await editors.FindByIdAsync(id.Value);
        if (editor is null || editor.IsDisabled || !CryptographicOperations.FixedTimeEquals(
                Encoding.UTF8.GetBytes(editor.SecurityStamp), Encoding.UTF8.GetBytes(stamp ?? "")))
        {
            logger.LogInformation("Security: admin session of editor #{EditorId} ended (stamp changed or account disabled)", id);
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
