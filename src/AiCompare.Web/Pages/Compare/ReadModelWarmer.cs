using Microsoft.Extensions.Options;

namespace AiCompare.Web.Pages.Compare;

/// <summary>Warms the read model in the background once the site has started.</summary>
public sealed class ReadModelWarmer(ToolReadModel cache, ILogger<ReadModelWarmer> logger, IOptions<CatalogOptions> options) : BackgroundService
{
    private readonly bool _warmOnStart = options.Value.WarmOnStart;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_warmOnStart) return;
        await Task.Yield();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var loaded = await cache.WarmAsync(stoppingToken);
            logger.LogInformation("Read model warmed: {Tools} tool(s) in {Ms:0} ms (capacity {Capacity})",
                loaded, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, cache.Capacity);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // Never fatal, whatever went wrong: pages load what they need on demand.
            // The exception itself, not only its message: a bug here would otherwise show only as slower pages.
            logger.LogWarning(e, "Read model warm-up stopped: {Error}", e.Message);
        }
    }
}
