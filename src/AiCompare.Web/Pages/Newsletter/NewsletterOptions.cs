using System.ComponentModel.DataAnnotations;
using System.Net.Mail;

namespace AiCompare.Web.Pages.Newsletter;

/// <summary>The <c>Newsletter</c> settings: the sender, the signup rate limit and when the weekly digest goes out.</summary>
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

    /// <summary>
    /// The sender of every newsletter email, with a display name, e.g. <c>AiCompare Verdicts &lt;verdicts@example.com&gt;</c>.
    /// Empty: <c>verdicts@</c> the host of <c>Site:BaseUrl</c>, so a site that knows its address needs nothing more.
    /// </summary>
    public string From { get; set; } = "";

    public const string DisplayName = "AiCompare Verdicts";

    /// <summary>The sender for a site at <paramref name="baseUrl"/>.</summary>
    public MailAddress Sender(string baseUrl)
    {
        if (From.Length > 0) return new MailAddress(From);
        // An IP address or a single-label name is no mail domain; localhost is the honest default then.
        var host = Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) && uri.HostNameType == UriHostNameType.Dns && uri.Host.Contains('.', StringComparison.Ordinal)
            ? uri.Host
            : "localhost";
        return new MailAddress("verdicts@" + host, DisplayName);
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (From.Length > 0 && !MailAddress.TryCreate(From, out _))
            yield return new ValidationResult(
                $"Newsletter:From must be an email address with an optional display name, like 'AiCompare Verdicts <verdicts@example.com>' (got '{From}').", [nameof(From)]);
        // The binder turns a number into any DayOfWeek value, named or not.
        if (!Enum.IsDefined(DigestDay))
            yield return new ValidationResult("Newsletter:DigestDay must be a day of the week, like Monday.", [nameof(DigestDay)]);
    }
}
