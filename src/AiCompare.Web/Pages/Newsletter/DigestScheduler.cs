using AiCompare.Data;
using Microsoft.Extensions.Options;

namespace AiCompare.Web.Pages.Newsletter;

/// <summary>Sends the digest on schedule; wakes every minute (configurable), does nothing when it is not due.</summary>
public sealed class DigestScheduler(IServiceProvider services, IOptions<NewsletterOptions> options, ILogger<DigestScheduler> logger) : BackgroundService
{
    private readonly NewsletterOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.SchedulerEnabled) return;
        var interval = TimeSpan.FromSeconds(_options.SchedulerIntervalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var digests = services.GetRequiredService<Digests>();
                var slot = digests.Schedule.LatestSlot(DateTimeOffset.UtcNow);
                await digests.SendAsync(slot, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException && StorageFault.Classify(e) is { } fault)
            {
                // Disk full, read-only, a held lock: one line a run until it passes; its stack trace says nothing new.
                logger.LogWarning("Digest scheduler run failed, {Reason}: {Error}; it will try again", StorageFault.Reason(fault), e.GetBaseException().Message);
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
