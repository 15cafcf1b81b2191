using System.ComponentModel.DataAnnotations;

namespace AiCompare.Web.Pages.Votes;

/// <summary>The <c>Votes</c> settings: how many votes one network may cast.</summary>
public sealed class VotesOptions
{
    public const string Section = "Votes";

    /// <summary>Votes on one tool from one client address, all voters together.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Votes:PerAddressCap must be at least 1.")]
    public int PerAddressCap { get; set; } = 5;

    /// <summary>Vote requests per minute from one client address (the <c>votes</c> rate limit).</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Votes:PerMinutePerAddress must be at least 1.")]
    public int PerMinutePerAddress { get; set; } = 30;
}
