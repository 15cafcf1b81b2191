namespace AiCompare.Web.Hosting;

/// <summary>The <c>Security</c> settings.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>
    /// The key of the hash that stands for an address in security logs. A secret; empty means unset: a
    /// random key per start, so hashes can be matched within a run but not across restarts.
    /// </summary>
    public string LogHashKey { get; set; } = "";
}
