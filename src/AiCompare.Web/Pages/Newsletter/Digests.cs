using System.Globalization;
using System.Net;
using System.Text;
using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Hosting;
using AiCompare.Web.Hosting.Metrics;
using Microsoft.Extensions.Options;

namespace AiCompare.Web.Pages.Newsletter;

/// <summary>Builds the weekly digest and sends it: once per week, at most once per recipient, one sender at a time.</summary>
public sealed class Digests(
    CatalogRepository catalog,
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

    /// <summary>The digest's text for the week ending at <paramref name="slot"/>: tools reviewed in the 7 days before it, and comparisons.</summary>
    public async Task<(string Subject, string Text, string Html)> ComposeAsync(DateTimeOffset slot)
    {
        var to = DateOnly.FromDateTime(slot.UtcDateTime);
        var from = to.AddDays(-7);
        var reviewed = await catalog.ReviewedBetweenAsync(from, to.AddDays(1), 50);
        var latest = (await catalog.GetHomeAsync(latest: 30)).Latest;
        var pairs = Comparison.SuggestPairs(reviewed.Concat(latest.Where(l => reviewed.All(r => r.Slug != l.Slug))), 5);
        var subject = reviewed.Count == 0
            ? $"Weekly AI Tool Verdicts: week of {to:d MMMM yyyy}"
            : $"Weekly AI Tool Verdicts: {reviewed.Count} new {(reviewed.Count == 1 ? "verdict" : "verdicts")}, week of {to:d MMMM yyyy}";

        var text = new StringBuilder();
        var html = new StringBuilder();
        text.Append("Weekly AI Tool Verdicts\n").Append(CultureInfo.InvariantCulture, $"Week of {to:yyyy-MM-dd}\n\n");
        html.Append("<h1>Weekly AI Tool Verdicts</h1>").Append(CultureInfo.InvariantCulture, $"<p>Week of {to:yyyy-MM-dd}</p>");
        text.Append("Reviewed this week\n");
        html.Append("<h2>Reviewed this week</h2>");
        if (reviewed.Count == 0)
        {
            text.Append("No new verdicts this week.\n");
            html.Append("<p>No new verdicts this week.</p>");
        }
        else
        {
            html.Append("<ul>");
            foreach (var t in reviewed)
            {
                var url = urls.Absolute("/tools/" + t.Slug);
                text.Append(CultureInfo.InvariantCulture, $"- {t.Name}: {t.Panel.DecisionText} ({t.Category})\n  {url}\n");
                html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{E(url)}\">{E(t.Name)}</a>: {E(t.Panel.DecisionText)} <small>({E(t.Category)})</small></li>");
            }
            html.Append("</ul>");
        }
        if (pairs.Count > 0)
        {
            text.Append("\nNewest comparisons\n");
            html.Append("<h2>Newest comparisons</h2><ul>");
            foreach (var p in pairs)
            {
                var url = urls.Absolute("/compare/" + p.Path);
                text.Append(CultureInfo.InvariantCulture, $"- {p.NameA} vs {p.NameB}\n  {url}\n");
                html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{E(url)}\">{E(p.NameA)} vs {E(p.NameB)}</a></li>");
            }
            html.Append("</ul>");
        }
        return (subject, text.ToString(), html.ToString());
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

    private async Task<(DigestRecord, string Outcome)> RunAsync(DateTimeOffset slot, CancellationToken cancellationToken)
    {
        var weekOf = slot.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
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
        return new OutgoingEmail(
            recipient.Email,
            digest.Subject,
            digest.TextBody + $"\n--\nYou get this because you subscribed to Weekly AI Tool Verdicts.\nUnsubscribe: {unsubscribe}\n",
            "<!DOCTYPE html><html><body>" + digest.HtmlBody +
                $"<hr><p>You get this because you subscribed to Weekly AI Tool Verdicts. <a href=\"{E(unsubscribe)}\">Unsubscribe</a>.</p></body></html>",
            NewsletterLinks.UnsubscribeHeaders(unsubscribe));
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
