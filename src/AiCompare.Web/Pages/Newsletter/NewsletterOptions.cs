using System.ComponentModel.DataAnnotations;

namespace AiCompare.Web.Pages.Newsletter;

/// <summary>The <c>Newsletter</c> settings: the signup rate limit and when the weekly digest goes out.</summary>
public sealed class NewsletterOptions : IValidatableObject
{
    public const string Section = "Newsletter";

    /// <summary>Signups per minute from one client address (the <c>newsletter</c> rate limit).</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Newsletter:SignupsPerMinutePerAddress must be at least 1.")]
    public int SignupsPerMinutePerAddress { get; set; } = 5;

    /// <summary>The weekday the digest goes out (an English day name, e.g. <c>Monday</c>).</summary>
    public DayOfWeek DigestDay { get; set; } = DayOfWeek.Monday;

    /// <summary>The time of day, in UTC, the digest goes out (<c>HH:mm</c>).</summary>
    public TimeOnly DigestTimeUtc { get; set; } = new(8, 0);

    /// <summary>False stops the background loop that sends the digest when it is due.</summary>
    public bool SchedulerEnabled { get; set; } = true;

    /// <summary>How often the scheduler wakes to see whether the digest is due.</summary>
    [Range(1, 86_400, ErrorMessage = "Newsletter:SchedulerIntervalSeconds must be between 1 and 86400.")]
    public int SchedulerIntervalSeconds { get; set; } = 60;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // The binder turns a number into any DayOfWeek value, named or not.
        if (!Enum.IsDefined(DigestDay))
            yield return new ValidationResult("Newsletter:DigestDay must be a day of the week, like Monday.", [nameof(DigestDay)]);
    }
}
