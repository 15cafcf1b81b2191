using System.Diagnostics.Metrics;
using AiCompare.Data;

namespace AiCompare.Web.Hosting.Metrics;

/// <summary>
/// The site's own instruments, all on one meter (<see cref="MeterName"/>) made by the host's
/// <see cref="IMeterFactory"/>, so that each host (several share a test process) counts for itself.
/// Names follow OpenTelemetry's conventions; the Prometheus exporter turns <c>aicompare.page_cache.hits</c>
/// into <c>aicompare_page_cache_hits_total</c> and a unit of <c>s</c> or <c>By</c> into a
/// <c>_seconds</c> or <c>_bytes</c> suffix (README, "Metrics", lists what a scrape shows).
/// </summary>
public sealed class SiteMetrics
{
    public const string MeterName = "AiCompare";

    /// <summary>Latency buckets in seconds, from a cached write (a millisecond) to a lock wait that ran out.</summary>
    private static readonly InstrumentAdvice<double> Seconds = new()
    {
        HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    };

    private readonly Meter _meter;
    private readonly Counter<long> _pageHits;
    private readonly Counter<long> _pageMisses;
    private readonly Counter<long> _pageEvictions;
    private readonly Histogram<double> _voteCommit;
    private readonly Counter<long> _votesRecorded;
    private readonly Counter<long> _emailsSent;
    private readonly Counter<long> _emailsFailed;
    private readonly Counter<long> _digestRuns;
    private readonly Counter<long> _writeFailures;

    public SiteMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _pageHits = _meter.CreateCounter<long>("aicompare.page_cache.hits", "{hit}", "Public GET and HEAD requests answered from the page cache.");
        _pageMisses = _meter.CreateCounter<long>("aicompare.page_cache.misses", "{miss}", "Public GET and HEAD requests the page cache did not hold, rendered instead.");
        _pageEvictions = _meter.CreateCounter<long>("aicompare.page_cache.evictions", "{entry}", "Page cache entries removed: by a change, on expiry or to make room.");
        _voteCommit = _meter.CreateHistogram("aicompare.votes.commit.duration", "s", "Time to write, commit and announce one batch of votes (its voters wait this long once it is taken from the queue).", advice: Seconds);
        _votesRecorded = _meter.CreateCounter<long>("aicompare.votes.recorded", "{vote}", "Votes committed, each then acknowledged to its voter as stored.");
        _emailsSent = _meter.CreateCounter<long>("aicompare.email.sent", "{email}", "Emails handed to the SMTP server or written to the pickup folder.");
        _emailsFailed = _meter.CreateCounter<long>("aicompare.email.failed", "{email}", "Emails that could not be sent.");
        _digestRuns = _meter.CreateCounter<long>("aicompare.digest.runs", "{run}", "Runs of the weekly digest, by outcome.");
        _writeFailures = _meter.CreateCounter<long>("aicompare.db.write_failures", "{write}", "Database writes that failed, by cause.");
    }

    /// <summary>Labels of <c>aicompare_email_*</c>: how the email left.</summary>
    public enum EmailTransport { Smtp, Pickup }

    public void PageCacheHit() => _pageHits.Add(1);

    public void PageCacheMiss() => _pageMisses.Add(1);

    public void PageCacheEviction() => _pageEvictions.Add(1);

    /// <summary>The page cache's size and entry count, read at each scrape.</summary>
    public void ObservePageCache(Func<long> bytes, Func<int> entries)
    {
        _meter.CreateObservableGauge("aicompare.page_cache.size", bytes, "By", "Bytes the page cache holds (bodies plus an allowance per entry).");
        _meter.CreateObservableGauge("aicompare.page_cache.entries", entries, "{entry}", "Pages the page cache holds.");
    }

    /// <summary>The number of votes waiting to be written, read at each scrape.</summary>
    public void ObserveVoteQueue(Func<int> length) =>
        _meter.CreateObservableGauge("aicompare.votes.queue.length", length, "{vote}", "Votes queued for the writer.");

    public void VoteBatchCommitted(TimeSpan elapsed) => _voteCommit.Record(elapsed.TotalSeconds);

    /// <summary>Counts the votes of a committed batch that were recorded (not refused by the cap or an unknown tool).</summary>
    public void VotesRecorded(int count)
    {
        if (count > 0) _votesRecorded.Add(count);
    }

    public void EmailSent(EmailTransport transport) => _emailsSent.Add(1, Transport(transport));

    public void EmailFailed(EmailTransport transport) => _emailsFailed.Add(1, Transport(transport));

    /// <summary>Counts a digest run; <paramref name="outcome"/> is one of <see cref="DigestOutcome"/>'s constants.</summary>
    public void DigestRun(string outcome) => _digestRuns.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>Counts a failed database write, labelled by what the database said: busy, readonly, full, unavailable or other.</summary>
    public void WriteFailed(Exception e) => _writeFailures.Add(1, new KeyValuePair<string, object?>("cause", CauseOf(e)));

    /// <summary>The cause label of a failed write: its storage fault (<see cref="StorageFault"/>, either database), or "other".</summary>
    public static string CauseOf(Exception e) => StorageFault.Classify(e) switch
    {
        StorageFaultKind.Busy => "busy",
        StorageFaultKind.ReadOnly => "readonly",
        StorageFaultKind.Full => "full",
        StorageFaultKind.Unavailable => "unavailable",
        _ => "other",
    };

    private static KeyValuePair<string, object?> Transport(EmailTransport transport) =>
        new("transport", transport == EmailTransport.Smtp ? "smtp" : "pickup");

    /// <summary>The <c>outcome</c> label values of <c>aicompare_digest_runs_total</c>.</summary>
    public static class DigestOutcome
    {
        /// <summary>This run finished the week's digest: every recipient has had it or has run out of attempts.</summary>
        public const string Sent = "sent";

        /// <summary>The week's digest had gone out already: nothing to do (the scheduler's usual wake-up).</summary>
        public const string AlreadySent = "already_sent";

        /// <summary>No confirmed subscriber: no digest this week.</summary>
        public const string Nobody = "nobody";

        /// <summary>Another instance holds the lease and is sending.</summary>
        public const string Elsewhere = "elsewhere";

        /// <summary>The run ended with recipients still due (failed sends wait for their retry, or the lease was lost).</summary>
        public const string Unfinished = "unfinished";

        /// <summary>The run threw.</summary>
        public const string Failed = "failed";
    }
}
