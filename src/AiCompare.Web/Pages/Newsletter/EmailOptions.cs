using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace AiCompare.Web.Pages.Newsletter;

/// <summary>
/// The <c>Email</c> settings: SMTP when <c>Email:Smtp:Host</c> is set; otherwise each message is written
/// as an <c>.eml</c> file to <c>Email:PickupDirectory</c>.
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>Where messages are written when no SMTP host is set (relative to the working directory).</summary>
    [Required(ErrorMessage = "Email:PickupDirectory must be set: messages go there when Email:Smtp:Host is not set.")]
    public string PickupDirectory { get; set; } = "data/outbox";

    [ValidateObjectMembers]
    public SmtpOptions Smtp { get; set; } = new();
}
