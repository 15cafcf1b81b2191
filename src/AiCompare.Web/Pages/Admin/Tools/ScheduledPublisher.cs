using AiCompare.Data;
using AiCompare.Web.Hosting;
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
        await PeriodicJob.RunAsync("Scheduled publishing", TimeSpan.FromSeconds(options.Value.PublisherIntervalSeconds),
            _ => RunOnceAsync(DateTimeOffset.UtcNow), logger, stoppingToken);
    }
}
