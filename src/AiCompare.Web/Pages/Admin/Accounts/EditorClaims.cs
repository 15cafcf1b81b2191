using System.Security.Claims;
using AiCompare.Data;
using AiCompare.Domain;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace AiCompare.Web.Pages.Admin.Accounts;

/// <summary>Claims carried in the admin cookie.</summary>
public static class EditorClaims
{
    public const string Stamp = "aic:stamp";

    public static ClaimsPrincipal Principal(EditorAccount editor) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, editor.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, editor.DisplayName),
            new Claim(ClaimTypes.Role, AccountRules.Token(editor.Role)),
            new Claim(Stamp, editor.SecurityStamp),
        ],
        CookieAuthenticationDefaults.AuthenticationScheme));

    public static long? EditorId(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;
}
