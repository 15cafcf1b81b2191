using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using Microsoft.Extensions.Options;

namespace AiCompare.Web.Pages.Newsletter;

/// <summary>
/// System.Net.Mail: SMTP when <c>Email:Smtp:Host</c> is set; otherwise each message is written as an
/// <c>.eml</c> file to <c>Email:PickupDirectory</c> (default <c>data/outbox</c>), which is what the
/// embedded default needs: nothing to install, and every message can be read.
/// </summary>
public sealed class SmtpEmailSender : IEmailSender
{
    private readonly SmtpOptions _smtp;
    private readonly ILogger<SmtpEmailSender> _logger;
    private int _announced;

    public SmtpEmailSender(IOptions<EmailOptions> options, ILogger<SmtpEmailSender> logger)
    {
        var email = options.Value;
        _smtp = email.Smtp;
        _logger = logger;
        Host = _smtp.Host is { Length: > 0 } host ? host : null;
        PickupDirectory = Path.GetFullPath(email.PickupDirectory);
    }

    public string? Host { get; }

    public string PickupDirectory { get; }

    public async Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken = default)
    {
        using var message = new MailMessage
        {
            From = new MailAddress(_smtp.From),
            Subject = email.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
        };
        message.To.Add(new MailAddress(email.To));
        message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(email.Text, Encoding.UTF8, MediaTypeNames.Text.Plain));
        message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(email.Html, Encoding.UTF8, MediaTypeNames.Text.Html));
        foreach (var (name, value) in email.Headers ?? new Dictionary<string, string>()) message.Headers.Add(name, value);

        using var client = new SmtpClient();
        if (Host is { } host)
        {
            client.Host = host;
            client.Port = _smtp.Port;
            client.EnableSsl = _smtp.EnableSsl;
            client.DeliveryMethod = SmtpDeliveryMethod.Network;
            if (_smtp.User is { Length: > 0 } user)
                client.Credentials = new NetworkCredential(user, _smtp.Password);
        }
        else
        {
            Directory.CreateDirectory(PickupDirectory);
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = PickupDirectory;
            if (Interlocked.Exchange(ref _announced, 1) == 0)
                _logger.LogInformation("No SMTP host configured (Email:Smtp:Host): emails are written as .eml files to {Directory}", PickupDirectory);
        }
        await client.SendMailAsync(message, cancellationToken);
    }
}
