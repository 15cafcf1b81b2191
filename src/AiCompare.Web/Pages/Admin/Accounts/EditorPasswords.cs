using AiCompare.Data;
using Microsoft.AspNetCore.Identity;

namespace AiCompare.Web.Pages.Admin.Accounts;

/// <summary>Password hashing with ASP.NET Core's PBKDF2 hasher at 210,000 iterations.</summary>
public sealed class EditorPasswords
{
    public const int Iterations = 210_000;

    private readonly PasswordHasher<EditorAccount> _hasher = new(Microsoft.Extensions.Options.Options.Create(
        new PasswordHasherOptions { IterationCount = Iterations, CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3 }));

    // Verified against when the email is unknown or the address is throttled, so that every path takes the same time.
    private readonly string _dummyHash;

    private long _checks;
    private long _dummyChecks;

    public EditorPasswords() => _dummyHash = Hash("not-a-real-password-" + Guid.NewGuid());

    /// <summary>Passwords checked against an account's stored hash.</summary>
    public long Checks => Interlocked.Read(ref _checks);

    /// <summary>Verifications against the dummy hash, which nothing matches.</summary>
    public long DummyChecks => Interlocked.Read(ref _dummyChecks);

    /// <summary>Every verification, real or dummy: each sign-in attempt costs exactly one, whatever its outcome.</summary>
    public long Verifications => Checks + DummyChecks;

    public string Hash(string password) => _hasher.HashPassword(null!, password);

    /// <summary>True when the password matches; <paramref name="rehash"/> is set when the stored hash is weaker than today's.</summary>
    public bool Verify(string storedHash, string password, out string? rehash)
    {
        rehash = null;
        Interlocked.Increment(ref _checks);
        var result = _hasher.VerifyHashedPassword(null!, storedHash, password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded) rehash = Hash(password);
        return result != PasswordVerificationResult.Failed;
    }

    /// <summary>The same work as <see cref="Verify"/>, against a hash nothing matches.</summary>
    public void VerifyDummy(string password)
    {
        Interlocked.Increment(ref _dummyChecks);
        _hasher.VerifyHashedPassword(null!, _dummyHash, password);
    }
}
