using AiCompare.Data;
using Microsoft.AspNetCore.Identity;

namespace AiCompare.Web.Pages.Admin.Accounts;

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
