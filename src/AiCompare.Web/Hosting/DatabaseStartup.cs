using AiCompare.Data;
using Microsoft.Extensions.Options;

namespace AiCompare.Web.Hosting;

/// <summary>What the site does to its database before it serves: migrations, then the seed content.</summary>
public static class DatabaseStartup
{
    /// <summary>Applies migrations, then imports the content folder when the catalog is empty.</summary>
    public static async Task InitializeDatabaseAsync(this IServiceProvider services)
    {
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("AiCompare.Startup");
        var db = services.GetRequiredService<Db>();
        var applied = services.GetRequiredService<Migrator>().Migrate();
        log.LogInformation("Database {DataSource}: {Count} migration(s) applied", db.DataSource, applied.Count);

        if (await services.GetRequiredService<EditorRepository>().CountAsync() == 0)
        {
            log.LogWarning("No editor accounts yet. Create the first admin with: {Command}", AppLocation.Command("add-editor you@example.com --admin"));
        }

        if (services.GetRequiredService<IHostEnvironment>().IsProduction() && services.GetRequiredService<SiteOrigin>().Configured is null)
        {
            log.LogWarning("Site:BaseUrl is not set: links in emails, feeds and the API will point to {BaseUrl}", AbsoluteUrls.DevelopmentBaseUrl);
        }

        var catalog = services.GetRequiredService<CatalogRepository>();
        if (await catalog.CountToolsAsync() > 0) return;

        var contentPath = services.GetRequiredService<IOptions<ContentOptions>>().Value.FullPath();
        var result = services.GetRequiredService<ContentImporter>().Import(contentPath);
        if (result.Succeeded)
        {
            log.LogInformation("Seeded an empty catalog from {ContentPath}: {Created} item(s) created", contentPath, result.Created.Count);
            return;
        }
        foreach (var problem in result.Problems)
        {
            log.LogError("Seed content problem: {Problem}", problem.ToString());
        }
        log.LogError("The catalog is empty and {ContentPath} could not be imported; fix the files above and restart, or run the import verb", contentPath);
    }
}
