using System.Text.Encodings.Web;
using System.Text.Unicode;
using AiCompare.Data;
using AiCompare.Web.Admin;
using AiCompare.Web.Newsletter;
using AiCompare.Web.Slices.Compare;
using Serilog;
using Serilog.Extensions.Logging;

namespace AiCompare.Web;

/// <summary>Service registration and the request pipeline, shared by the site and the command-line verbs.</summary>
public static class Startup
{
    public const string DefaultConnectionString = "Data Source=data/aicompare.db";

    // The key WebApplication checks before adding authentication itself (Microsoft.AspNetCore WebApplicationBuilder).
    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";

    public static WebApplicationBuilder AddAiCompare(this WebApplicationBuilder builder)
    {
        // Everything that reads configuration does so when the container builds it, not now, so that
        // settings added later (environment, test hosts) are seen.
        builder.Logging.ClearProviders();
        // The request log is ours (RequestLoggingMiddleware). Switching the host's own request logger off
        // entirely also spares every request the logging scope and Activity the host makes for it.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        builder.Services.AddSingleton<ILoggerProvider>(sp => new SerilogLoggerProvider(
            new LoggerConfiguration().ReadFrom.Configuration(sp.GetRequiredService<IConfiguration>()).CreateLogger(),
            dispose: true));

        builder.Services.AddSingleton(sp =>
        {
            var connectionString = sp.GetRequiredService<IConfiguration>().GetConnectionString("AiCompare");
            return new Db(string.IsNullOrWhiteSpace(connectionString) ? DefaultConnectionString : connectionString);
        });
        builder.Services.AddSingleton<Markdown>();
        builder.Services.AddSingleton<Migrator>();
        builder.Services.AddSingleton<ContentImporter>();
        builder.Services.AddSingleton<CatalogRepository>();
        builder.Services.AddSingleton<DiscoveryRepository>();
        builder.Services.AddSingleton<SearchRepository>();
        builder.Services.AddSingleton<CatalogCache>();
        builder.Services.AddHostedService<CatalogWarmer>();
        builder.Services.AddSingleton<PairResolver>();
        builder.Services.AddSingleton<SiteOrigin>();
        builder.Services.AddSingleton<EditorRepository>();
        builder.Services.AddSingleton<ToolAdminRepository>();
        builder.Services.AddSingleton<CriticAdminRepository>();
        builder.Services.AddSingleton<AuditRepository>();
        builder.Services.AddSingleton<ContentExporter>();
        builder.Services.AddSingleton<SiteSecrets>();
        builder.Services.AddSingleton<EditorPasswords>();
        builder.Services.AddSingleton<LogHasher>();
        builder.Services.AddAdmin();
        builder.Services.AddVotes();
        builder.Services.AddNewsletter();
        builder.Services.AddCaching();
        builder.Services.AddSingleton(sp => new SiteOptions(
            ContentPath: ResolveContentPath(sp.GetRequiredService<IConfiguration>()["Content:Path"])));

        builder.Services.Configure<RouteOptions>(o => o.LowercaseUrls = true);
        // Emit Unicode as is (names, "·", "—"); HTML-significant characters are still encoded.
        builder.Services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddRazorPages(o =>
        {
            // Every admin page needs a signed-in editor unless it opts out, so a new page is protected by default.
            o.Conventions.AuthorizeFolder("/Admin");
            o.Conventions.AllowAnonymousToPage("/Admin/Login");
            o.Conventions.AuthorizeFolder("/Admin/Editors", AdminSetup.AdminPolicy);
        });
        return builder;
    }

    public static WebApplication UseAiCompare(this WebApplication app)
    {
        // Made now so that a malformed Site:BaseUrl stops the start with its message, not the first page.
        _ = app.Services.GetRequiredService<SiteOrigin>();
        // Order matters for speed: a cached page is answered by the page cache before anything else
        // runs but the request log; a miss goes through the rest and is cached on the way out.
        app.UseMiddleware<RequestLoggingMiddleware>();
        app.UseMiddleware<PageCacheMiddleware>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
        }
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        // Inside the cache, so entries are stored compressed (one per negotiated encoding) and a hit
        // never compresses. Never admin pages: their antiforgery tokens are what BREACH targets.
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase), b => b.UseResponseCompression());
        app.UseStaticFiles();
        app.UseMiddleware<AdminNoStoreMiddleware>();
        app.UseRouting();
        // Rate limits guard POSTs (votes, signups, sign-ins), and the sign-in cookie only travels to /admin:
        // public GETs skip both. Authorization stays global, so a protected page anywhere fails closed.
        app.UseWhen(c => !HttpMethods.IsGet(c.Request.Method), b => b.UseRateLimiter());
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase), b => b.UseAuthentication());
        // WebApplication adds UseAuthentication in front of everything when it does not see the app call
        // it; a call inside a UseWhen branch is not seen (the branch has its own properties), so without
        // this every request, cached pages included, would run the cookie handler first.
        ((IApplicationBuilder)app).Properties[AuthenticationMiddlewareSetKey] = true;
        app.UseAuthorization();
        app.MapHealthCheck();
        app.MapVotes();
        app.MapNewsletter();
        app.MapReach();
        app.MapApi();
        app.MapComparePair();
        app.MapRazorPages();
        return app;
    }

    /// <summary>Applies migrations, then imports the content folder when the catalog is empty.</summary>
    public static async Task InitializeDatabaseAsync(this IServiceProvider services)
    {
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("AiCompare.Startup");
        var db = services.GetRequiredService<Db>();
        var applied = services.GetRequiredService<Migrator>().Migrate();
        log.LogInformation("Database {DataSource}: {Count} migration(s) applied", db.DataSource, applied.Count);

        if (await services.GetRequiredService<EditorRepository>().CountAsync() == 0)
        {
            log.LogWarning("No editor accounts yet. Create the first admin with: dotnet run --project src/AiCompare.Web -- add-editor you@example.com --admin");
        }

        var catalog = services.GetRequiredService<CatalogRepository>();
        if (await catalog.CountToolsAsync() > 0) return;

        var contentPath = services.GetRequiredService<SiteOptions>().ContentPath;
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

    /// <summary>
    /// A relative content path is taken from the working directory; when it is not there (the app was
    /// started from elsewhere), the copy published beside the app is used.
    /// </summary>
    private static string ResolveContentPath(string? configured)
    {
        var path = string.IsNullOrWhiteSpace(configured) ? "content" : configured;
        if (Path.IsPathRooted(path) || Directory.Exists(path)) return Path.GetFullPath(path);
        var besideApp = Path.Combine(AppContext.BaseDirectory, path);
        return Directory.Exists(besideApp) ? besideApp : Path.GetFullPath(path);
    }

    private static void MapHealthCheck(this WebApplication app) =>
        app.MapGet("/healthz", async (CatalogRepository catalog, ILoggerFactory loggers, HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            try
            {
                if (await catalog.PingAsync()) return Results.Text("ok", "text/plain");
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException or InvalidOperationException)
            {
                loggers.CreateLogger("AiCompare.Health").LogWarning("Health check failed: {Error}", e.Message);
            }
            return Results.Text("database unavailable", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
        });
}

/// <summary>Settings the pages and verbs read.</summary>
public sealed record SiteOptions(string ContentPath);
