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

    /// <summary>
    /// The key of the hash stored for an address with each vote and newsletter consent. A secret (set it
    /// through the environment), at least <see cref="Pages.Votes.AddressHashKey.MinimumLength"/> characters.
    /// Empty: the key file is used.
    /// </summary>
    public string AddressHashKey { get; set; } = "";

    /// <summary>
    /// A file holding that key (its text, trimmed). Empty: <c>address-hash.key</c> beside the database,
    /// made on first start. A file named here must already exist.
    /// </summary>
    public string AddressHashKeyFile { get; set; } = "";
}
