using System.ComponentModel.DataAnnotations;

namespace AiCompare.Web.Pages.Admin.Accounts;

/// <summary>The <c>Admin</c> settings.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>Sign-in attempts per minute from one client address (the <c>login</c> rate limit).</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Admin:LoginAttemptsPerMinute must be at least 1.")]
    public int LoginAttemptsPerMinute { get; set; } = 10;

    /// <summary>How often the background publisher looks for scheduled drafts whose time has come.</summary>
    [Range(1, 3_600, ErrorMessage = "Admin:PublisherIntervalSeconds must be between 1 and 3600.")]
    public int PublisherIntervalSeconds { get; set; } = 30;
}
