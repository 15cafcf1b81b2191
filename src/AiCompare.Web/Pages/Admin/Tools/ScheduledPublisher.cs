using AiCompare.Data;
using AiCompare.Web.Pages.Admin.Accounts;
using Microsoft.Extensions.Options;

namespace AiCompare.Web.Pages.Admin.Tools;

/// <summary>
/// Puts scheduled drafts on the site when their time comes: wakes every <c>Admin:PublisherIntervalSeconds</c>
/// and publishes what is due through <see cref="ToolAdminRepository.PublishDueAsync"/>, which audits it and
/// announces the change (so every node's caches, lists, feeds and sitemaps take it). A node that was down at
/// the time publishes on its first run; on several nodes each draft is published once.
/// </summary>
public sealed class ScheduledPublisher(ToolAdminRepository tools, IOptions<AdminOptions> options, ILogger<ScheduledPublisher> logger) : BackgroundService
{
    /// <summary>Publishes what is due now; returns what it published.</summary>
    public async Task<IReadOnlyList<ScheduledPublication>> RunOnceAsync(DateTimeOffset now)
    {
        var published = await tools.PublishDueAsync(now);
        foreach (var tool in published)
            logger.LogInformation("Published {Slug} as scheduled for {At}", tool.Slug, ToolAdminRepository.ScheduleText(tool.PublishAt));
        return published;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.PublisherIntervalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(DateTimeOffset.UtcNow);
            }
            catch (Exception e) when (e is not OperationCanceledException && StorageFault.Classify(e) is { } fault)
            {
                logger.LogWarning("Scheduled publishing failed, {Reason}: {Error}; it will try again", StorageFault.Reason(fault), e.GetBaseException().Message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Scheduled publishing failed; it will try again");
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
