using AiCompare.Data;

namespace AiCompare.Web.Hosting.Metrics;

/// <summary>Counts the database writes that fail (<see cref="Db.WriteFailed"/>) while the site runs.</summary>
public sealed class WriteFailureCounter(Db db, SiteMetrics metrics) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        db.WriteFailed += metrics.WriteFailed;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        db.WriteFailed -= metrics.WriteFailed;
        return Task.CompletedTask;
    }
}
