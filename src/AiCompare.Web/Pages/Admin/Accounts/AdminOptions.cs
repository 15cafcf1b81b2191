using System.ComponentModel.DataAnnotations;

namespace AiCompare.Web.Pages.Admin.Accounts;

/// <summary>The <c>Admin</c> settings.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>Sign-in attempts per minute from one client address (the <c>login</c> rate limit).</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Admin:LoginAttemptsPerMinute must be at least 1.")]
    public int LoginAttemptsPerMinute { get; set; } = 10;
}
