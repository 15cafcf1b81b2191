using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using AiCompare.Data;
using AiCompare.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace AiCompare.Web.Admin;

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

/// <summary>Password hashing with ASP.NET Core's PBKDF2 hasher at 210,000 iterations.</summary>
public sealed class EditorPasswords
{
    public const int Iterations = 210_000;

    private readonly PasswordHasher<EditorAccount> _hasher = new(Microsoft.Extensions.Options.Options.Create(
        new PasswordHasherOptions { IterationCount = Iterations, CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3 }));

    // Verified against when the email is unknown, so that both paths take the same time.
    private readonly string _dummyHash;

    public EditorPasswords() => _dummyHash = Hash("not-a-real-password-" + Guid.NewGuid());

    public string Hash(string password) => _hasher.HashPassword(null!, password);

    /// <summary>True when the password matches; <paramref name="rehash"/> is set when the stored hash is weaker than today's.</summary>
    public bool Verify(string storedHash, string password, out string? rehash)
    {
        rehash = null;
        var result = _hasher.VerifyHashedPassword(null!, storedHash, password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded) rehash = Hash(password);
        return result != PasswordVerificationResult.Failed;
    }

    public void VerifyDummy(string password) => _hasher.VerifyHashedPassword(null!, _dummyHash, password);
}

/// <summary>Security events are logged with a keyed hash of the address, never the address itself.</summary>
public sealed class LogHasher(IConfiguration configuration)
{
    private readonly byte[] _key = configuration["Security:LogHashKey"] is { Length: > 0 } k
        ? Encoding.UTF8.GetBytes(k)
        : RandomNumberGenerator.GetBytes(32);

    public string Of(string text) => Convert.ToHexString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text)))[..16];
}
