using AiCompare.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiCompare.Web.Hosting;

/// <summary>Healthy when the database answers a query (one that needs the migrations to have run).</summary>
public sealed class DatabaseHealthCheck(CatalogRepository catalog, ILogger<DatabaseHealthCheck> logger) : IHealthCheck
{
    public const string Unavailable = "database unavailable";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (await catalog.PingAsync()) return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is SqliteException or IOException or InvalidOperationException)
        {
            // The reason, without a stack trace: a probe every few seconds while the database is gone
            // should not fill the log.
            logger.LogWarning("Health check failed: {Error}", e.Message);
        }
        return HealthCheckResult.Unhealthy(Unavailable);
    }
}
