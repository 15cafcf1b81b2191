namespace AiCompare.Web.Pages.Newsletter;

/// <summary>Sends the digest on schedule; wakes every minute (configurable), does nothing when it is not due.</summary>
public sealed class DigestScheduler(IServiceProvider services, IConfiguration configuration, ILogger<DigestScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Newsletter:SchedulerEnabled", true)) return;
        var interval = TimeSpan.FromSeconds(configuration.GetValue("Newsletter:SchedulerIntervalSeconds", 60));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var digests = services.GetRequiredService<Digests>();
                var slot = digests.Schedule.LatestSlot(DateTimeOffset.UtcNow);
                await digests.SendAsync(slot, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Digest scheduler run failed; it will try again");
            }
            try
            {
                await Task.Delay(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
