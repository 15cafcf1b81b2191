using System.Diagnostics;
using System.Threading.Channels;
using AiCompare.Data;
using AiCompare.Web.Hosting.Metrics;

namespace AiCompare.Web.Pages.Votes;

/// <summary>
/// Writes votes behind a short queue: whatever has queued while the previous batch was committing goes
/// into the next transaction, so one disk flush serves many votes (group commit) and nothing waits
/// for a timer. Each vote is acknowledged only after the transaction holding it has committed (and so
/// after the commit's announcement has put its tally on the <see cref="TallyBoard"/>); a failed batch fails every vote in it.
/// The writing runs on a thread of its own. SQLite's calls are synchronous under their async names, so a
/// commit, its disk flush included, would otherwise hold a thread-pool thread, and under load requests
/// would wait for a thread while the writer waits for the disk (docs/performance.md, "Issue 19, ninth session").
/// </summary>
public sealed class VoteWriter : BackgroundService
{
    public const int MaxBatch = 256;

    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(10_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly VoteRepository _votes;
    private readonly SiteMetrics _metrics;
    private readonly ILogger<VoteWriter> _logger;

    public VoteWriter(VoteRepository votes, SiteMetrics metrics, ILogger<VoteWriter> logger)
    {
        _votes = votes;
        _metrics = metrics;
        _logger = logger;
        metrics.ObserveVoteQueue(() => _queue.Reader.Count);
    }

    /// <summary>Queues a vote and waits until it is durable (or has failed).</summary>
    public async Task<VoteResult> SubmitAsync(VoteRequest vote)
    {
        var pending = new Pending(vote, new TaskCompletionSource<VoteResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            await _queue.Writer.WriteAsync(pending);
        }
        catch (ChannelClosedException e)
        {
            throw new VoteNotRecordedException("The site is stopping.", e);
        }
        return await pending.Done.Task;
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        // Finish what is queued, then stop: no vote accepted into the queue is dropped.
        _queue.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    /// <summary>Starts the writer's thread; the task completes when the queue is closed and emptied (see <see cref="StopAsync"/>).</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Run();
                stopped.SetResult();
            }
            catch (Exception e)
            {
                stopped.SetException(e);
            }
        })
        { IsBackground = true, Name = "Vote writer" };
        thread.Start();
        return stopped.Task;
    }

    /// <summary>Takes whatever has queued, commits it as one batch and answers each vote, until the queue is closed and empty.</summary>
    private void Run()
    {
        var reader = _queue.Reader;
        var batch = new List<Pending>(MaxBatch);
        // Blocking waits are this thread's job: it does nothing else. (On PostgreSQL the commit is truly
        // asynchronous; this thread waits for it, and Npgsql completes it on the thread pool.)
        while (reader.WaitToReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var next)) batch.Add(next);
            if (batch.Count == 0) continue;
            IReadOnlyList<VoteResult> results;
            var started = Stopwatch.GetTimestamp();
            try
            {
                results = _votes.RecordBatchAsync(batch.ConvertAll(p => p.Vote)).GetAwaiter().GetResult();
                _metrics.VoteBatchCommitted(Stopwatch.GetElapsedTime(started));
            }
            catch (Exception e)
            {
                // Whatever failed, the batch fails and the writer goes on: a fault that escaped this loop
                // would stop it, and every vote after would wait for an answer that never comes.
                // A storage fault (disk full, read-only, a held lock) is one warning line: it repeats for
                // every batch until it passes, and its stack trace says nothing new. Anything else is a bug.
                if (StorageFault.Classify(e) is { } fault)
                    _logger.LogWarning("{Count} vote(s) not recorded, {Reason}: {Error}", batch.Count, StorageFault.Reason(fault), e.GetBaseException().Message);
                else
                    _logger.LogError(e, "{Count} vote(s) not recorded", batch.Count);
                foreach (var p in batch) p.Done.TrySetException(new VoteNotRecordedException("The vote was not recorded.", e));
                continue;
            }
            var recorded = 0;
            foreach (var result in results) if (result.Outcome == VoteOutcome.Recorded) recorded++;
            _metrics.VotesRecorded(recorded);
            for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(results[i]);
        }
    }

    private sealed record Pending(VoteRequest Vote, TaskCompletionSource<VoteResult> Done);
}
