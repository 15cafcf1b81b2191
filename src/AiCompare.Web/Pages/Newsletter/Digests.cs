using System.Globalization;
using AiCompare.Data;
using AiCompare.Web.Hosting;
using AiCompare.Web.Hosting.Metrics;
using AiCompare.Web.Pages.Newsletter.Emails;
using Microsoft.Extensions.Options;

namespace AiCompare.Web.Pages.Newsletter;

/// <summary>Builds the weekly digest and sends it: once per week, at most once per recipient, one sender at a time.</summary>
public sealed class Digests(
    DigestComposer composer,
    NewsletterRepository newsletter,
    IEmailSender email,
    AbsoluteUrls urls,
    NewsletterLinks links,
    IOptions<NewsletterOptions> options,
    SiteMetrics metrics,
    ILogger<Digests> logger)
{
    public const int MaxAttempts = 5;
    private static readonly string Instance = Environment.MachineName + ":" + Environment.ProcessId + ":" + Guid.NewGuid().ToString("N")[..8];

    public DigestSchedule Schedule { get; } = DigestSchedule.From(options.Value);

    /// <summary>
    /// The digest for the week ending at <paramref name="slot"/>: the tools reviewed in the 7 days before it
    /// and the comparison of the week. The HTML is the part every recipient shares (the archive shows it);
    /// <see cref="Personal"/> adds the document and the recipient's own footer.
    /// </summary>
    public async Task<(string Subject, string Text, string Html)> ComposeAsync(DateTimeOffset slot)
    {
        var issue = await composer.ComposeAsync(DateOnly.FromDateTime(slot.UtcDateTime));
        return (DigestRenderer.Subject(issue), DigestRenderer.Text(issue, urls), DigestRenderer.Html(issue, urls));
    }

    /// <summary>
    /// Sends the digest for <paramref name="slot"/> to every confirmed subscriber who has not had it. Safe to
    /// call again and again, from several instances: a lease keeps to one sender, the send log to one copy.
    /// </summary>
    public async Task<DigestRecord> SendAsync(DateTimeOffset slot, CancellationToken cancellationToken = default)
    {
        try
        {
            var (digest, outcome) = await RunAsync(slot, cancellationToken);
            metrics.DigestRun(outcome);
            return digest;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            metrics.DigestRun(SiteMetrics.DigestOutcome.Failed);
            throw;
        }
    }

    /// <summary>The key of the digest for <paramref name="slot"/>: its week's date, as stored and in archive URLs.</summary>
    public static string WeekOf(DateTimeOffset slot) => slot.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<(DigestRecord, string Outcome)> RunAsync(DateTimeOffset slot, CancellationToken cancellationToken)
    {
        var weekOf = WeekOf(slot);
        var existing = await newsletter.DigestAsync(weekOf);
        if (existing is { Status: "sent" }) return (existing, SiteMetrics.DigestOutcome.AlreadySent);
        if (existing is null && (await newsletter.CountsAsync()).GetValueOrDefault("confirmed") == 0)
            return (new DigestRecord(0, weekOf, "", "", "", "nobody", null), SiteMetrics.DigestOutcome.Nobody); // nobody to send to: no digest this week
        var compose = await ComposeAsync(slot);
        var digest = await newsletter.GetOrCreateDigestAsync(weekOf, () => compose);
        if (digest.Status == "sent") return (digest, SiteMetrics.DigestOutcome.AlreadySent);
        var lease = TimeSpan.FromMinutes(5);
        if (!await newsletter.TryLeaseAsync(digest.Id, Instance, lease))
        {
            logger.LogInformation("Digest {WeekOf}: another instance is sending it", weekOf);
            return (digest, SiteMetrics.DigestOutcome.Elsewhere);
        }
        // With the lease held, any recipient still marked 'sending' was claimed by a run that died.
        if (await newsletter.InterruptedAsync(digest.Id) is var interrupted and > 0)
            logger.LogWarning("Digest {WeekOf}: {Count} recipient(s) were being sent to when a run stopped; they are not sent again", weekOf, interrupted);
        var sent = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var batch = await newsletter.RecipientsDueAsync(digest.Id, MaxAttempts, 100);
            if (batch.Count == 0) break;
            foreach (var recipient in batch)
            {
                if (!await newsletter.TryLeaseAsync(digest.Id, Instance, lease)) return (digest, SiteMetrics.DigestOutcome.Unfinished); // lost the lease: stop at once
                if (!await newsletter.MarkSendingAsync(digest.Id, recipient.Id)) continue;
                try
                {
                    await email.SendAsync(Personal(digest, recipient), cancellationToken);
                    await newsletter.MarkSentAsync(digest.Id, recipient.Id);
                    sent++;
                }
                catch (Exception e) when (e is System.Net.Mail.SmtpException or IOException or InvalidOperationException or System.Net.Sockets.SocketException)
                {
                    var attempts = await newsletter.AttemptsAsync(digest.Id, recipient.Id);
                    var wait = TimeSpan.FromMinutes(Math.Pow(2, attempts));
                    await newsletter.MarkFailedAsync(digest.Id, recipient.Id, e.Message, wait);
                    logger.LogWarning("Digest {WeekOf}: sending to subscriber #{SubscriberId} failed (attempt {Attempt} of {Max}), next try in {Wait}: {Error}",
                        weekOf, recipient.Id, attempts, MaxAttempts, wait, e.Message);
                }
            }
        }
        var done = await newsletter.CompleteIfDoneAsync(digest.Id, MaxAttempts);
        if (done) logger.LogInformation("Digest {WeekOf} sent ({Count} in this run)", weekOf, sent);
        return (await newsletter.DigestAsync(weekOf) ?? digest, done ? SiteMetrics.DigestOutcome.Sent : SiteMetrics.DigestOutcome.Unfinished);
    }

    private OutgoingEmail Personal(DigestRecord digest, Subscriber recipient)
    {
        var unsubscribe = links.Unsubscribe(recipient);
        const string reason = "You get this because you subscribed to " + EmailLayout.NewsletterName + " from " + EmailLayout.Brand + ".";
        return new OutgoingEmail(
            recipient.Email,
            digest.Subject,
            digest.TextBody + $"\n--\n{reason}\nUnsubscribe: {unsubscribe}\n",
            EmailLayout.Document(digest.Subject, digest.HtmlBody, EmailLayout.Footer(reason, unsubscribe, urls.Absolute("/"))),
            NewsletterLinks.UnsubscribeHeaders(unsubscribe));
    }
}
