using AiCompare.Data;
using Microsoft.Data.Sqlite;

namespace AiCompare.Web.Hosting;

/// <summary>
/// Whether this node can take writes, for <c>/readyz</c>: a real write (<see cref="ReadinessRepository"/>,
/// waiting at most a second for a lock) and enough free space beside the database. One probe answers every
/// caller for a second, so a load balancer polling hard does not write constantly.
/// </summary>
public sealed class ReadinessProbe(ReadinessRepository readiness, Db db, ILogger<ReadinessProbe> logger)
{
    /// <summary>How long one probe's answer is reused.</summary>
    public static readonly TimeSpan Reuse = TimeSpan.FromSeconds(1);

    /// <summary>The probe's own lock wait: short, so a busy database answers quickly.</summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Below this much free space the node is "storage full" before writes start failing.</summary>
    public const long MinimumFreeBytes = 1024 * 1024;

    private readonly SemaphoreSlim _gate = new(1, 1);
    // A reference, published whole: readers outside the gate never see half of an answer.
    private volatile ProbeResult? _last;

    /// <summary>Null when ready; otherwise the reason: storage full, read-only, locked/busy, unreachable.</summary>
    public async Task<string?> ProblemAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } recent) return recent.Problem;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Whoever waited here reuses the probe that just finished.
            if (Fresh() is { } justDone) return justDone.Problem;
            var problem = await ProbeAsync();
            var previous = _last?.Problem;
            if (problem != previous)
            {
                if (problem is null) logger.LogInformation("Readiness: ready again");
                else logger.LogWarning("Readiness: not ready, {Reason}", problem);
            }
            _last = new ProbeResult(Environment.TickCount64, problem);
            return problem;
        }
        finally
        {
            _gate.Release();
        }
    }

    private ProbeResult? Fresh() =>
        _last is { } last && Environment.TickCount64 - last.At < (long)Reuse.TotalMilliseconds ? last : null;

    private async Task<string?> ProbeAsync()
    {
        try
        {
            await readiness.ProbeAsync(LockTimeout);
        }
        catch (Exception e) when (StorageFault.Classify(e) is not null)
        {
            return StorageFault.Reason(db.NoteFault(e) ?? StorageFaultKind.Unavailable);
        }
        catch (Exception e) when (e is SqliteException or IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            logger.LogWarning("Readiness probe failed: {Error}", e.Message);
            return StorageFault.Reason(StorageFaultKind.Unavailable);
        }
        return db.Provider == DatabaseProvider.Sqlite && StorageFault.IsLowOnSpace(db.DataSource, MinimumFreeBytes) ? StorageFault.Reason(StorageFaultKind.Full) : null;
    }

    private sealed record ProbeResult(long At, string? Problem);
}
