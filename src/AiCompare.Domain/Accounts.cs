using System.Net.Mail;

namespace AiCompare.Domain;

/// <summary>An editor's role: admins also manage editor accounts.</summary>
public enum EditorRole
{
    Editor,
    Admin,
}

/// <summary>Rules for editor accounts: email shape and the password policy.</summary>
public static class AccountRules
{
    /// <summary>NIST 800-63B style: a minimum length, no composition rules, no truncation.</summary>
    public const int MinPasswordLength = 12;

    /// <summary>An upper bound only so that hashing cannot be turned into a denial of service.</summary>
    public const int MaxPasswordLength = 1024;

    public const int MaxEmailLength = 254;

    /// <summary>Trims and lowercases an address; null when it is not a plausible single address.</summary>
    public static string? NormaliseEmail(string? email)
    {
        var trimmed = email?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxEmailLength) return null;
        if (trimmed.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ',' or ';' or '"')) return null;
        if (!MailAddress.TryCreate(trimmed, out var address) || address.Address != trimmed) return null;
        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at == trimmed.Length - 1 || !trimmed[(at + 1)..].Contains('.', StringComparison.Ordinal)) return null;
        return trimmed.ToLowerInvariant();
    }

    /// <summary>The problem with a new password, or null when it is acceptable.</summary>
    public static string? PasswordProblem(string? password)
    {
        if (string.IsNullOrEmpty(password)) return "Enter a password.";
        if (password.Length < MinPasswordLength) return $"Use at least {MinPasswordLength} characters.";
        if (password.Length > MaxPasswordLength) return $"Use at most {MaxPasswordLength} characters.";
        if (string.IsNullOrWhiteSpace(password)) return "A password cannot be only spaces.";
        return null;
    }

    public static string Token(EditorRole role) => role == EditorRole.Admin ? "admin" : "editor";

    public static bool TryRole(string? text, out EditorRole role)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "admin": role = EditorRole.Admin; return true;
            case "editor": role = EditorRole.Editor; return true;
            default: role = default; return false;
        }
    }
}
