using System.Globalization;
using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using AiCompare.Web.Hosting;
using AiCompare.Web.Hosting.Metrics;
using Microsoft.Extensions.Options;

namespace AiCompare.Web.Pages.Newsletter;

/// <summary>
/// System.Net.Mail: SMTP when <c>Email:Smtp:Host</c> is set; otherwise each message is written as an
/// <c>.eml</c> file to <c>Email:PickupDirectory</c> (default <c>data/outbox</c>), which is what the
/// embedded default needs: nothing to install, and every message can be read. Every message carries
/// <c>Newsletter:From</c>, a Date and a Message-ID of its own in the sender's domain, which spam filters
/// and threading mail clients expect.
/// </summary>
public sealed class SmtpEmailSender : IEmailSender
{
    private readonly SmtpOptions _smtp;
    private readonly ILogger<SmtpEmailSender> _logger;
    private readonly SiteMetrics _metrics;
    private readonly IOptions<NewsletterOptions> _newsletter;
    private readonly AbsoluteUrls _urls;
    private int _announced;

    public SmtpEmailSender(IOptions<EmailOptions> options, IOptions<NewsletterOptions> newsletter, AbsoluteUrls urls, SiteMetrics metrics, ILogger<SmtpEmailSender> logger)
    {
        _metrics = metrics;
        _newsletter = newsletter;
        _urls = urls;
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
        var transport = Host is null ? SiteMetrics.EmailTransport.Pickup : SiteMetrics.EmailTransport.Smtp;
        try
        {
            await DeliverAsync(email, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _metrics.EmailFailed(transport);
            throw;
        }
        _metrics.EmailSent(transport);
    }

    private async Task DeliverAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        var from = _newsletter.Value.Sender(_urls.BaseUrl);
        using var message = new MailMessage
        {
            From = from,
            Subject = email.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
        };
        message.To.Add(new MailAddress(email.To));
        message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(email.Text, Encoding.UTF8, MediaTypeNames.Text.Plain));
        message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(email.Html, Encoding.UTF8, MediaTypeNames.Text.Html));
        message.Headers.Add("Message-ID", MessageId(from));
        message.Headers.Add("Date", DateTimeOffset.UtcNow.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture));
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
            if (Interlocked.Exchange(ref _announced, 1) == 0)
                _logger.LogInformation("No SMTP host configured (Email:Smtp:Host): emails are written as .eml files to {Directory}", PickupDirectory);
            await WriteToPickupAsync(client, message, cancellationToken);
            return;
        }
        await client.SendMailAsync(message, cancellationToken);
        // The server's reply completes on a socket engine's thread under inline scheduling: what the caller
        // does next (it records the send in the database) must not run there.
        await IoThread.LeaveAsync();
    }

    /// <summary>RFC 5322's msg-id: unique to this message, in the domain of its sender.</summary>
    public static string MessageId(MailAddress from) => $"<{Guid.NewGuid():N}@{from.Host}>";

    /// <summary>
    /// SmtpClient writes the .eml in place, so whatever reads the folder could see a partial file. It
    /// writes into a staging folder of its own inside the pickup folder (same file system) instead, and
    /// the finished file is then renamed into place: a .eml there is always complete.
    /// </summary>
    private async Task WriteToPickupAsync(SmtpClient client, MailMessage message, CancellationToken cancellationToken)
    {
        var staging = Path.Combine(PickupDirectory, ".sending-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        try
        {
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = staging;
            await client.SendMailAsync(message, cancellationToken);
            foreach (var file in Directory.GetFiles(staging))
                File.Move(file, Path.Combine(PickupDirectory, Path.GetFileName(file)));
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }
}
