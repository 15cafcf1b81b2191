using AiCompare.Web.Hosting;
using Microsoft.Extensions.Options;

namespace AiCompare.Web.Pages.Newsletter;

/// <summary>Sends the digest on schedule; wakes every minute (configurable), does nothing when it is not due.</summary>
public sealed class DigestScheduler(IServiceProvider services, IOptions<NewsletterOptions> options, ILogger<DigestScheduler> logger) : BackgroundService
{
    private readonly NewsletterOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.SchedulerEnabled) return;
        await PeriodicJob.RunAsync("Digest scheduler", TimeSpan.FromSeconds(_options.SchedulerIntervalSeconds), async token =>
        {
            var digests = services.GetRequiredService<Digests>();
            await digests.SendAsync(digests.Schedule.LatestSlot(DateTimeOffset.UtcNow), token);
        }, logger, stoppingToken);
    }
}
