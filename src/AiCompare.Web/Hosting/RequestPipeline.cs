using AiCompare.Web.Caching;
using AiCompare.Web.Hosting.Metrics;
using AiCompare.Web.Pages.Admin.Accounts;
using AiCompare.Web.Pages.Api;
using AiCompare.Web.Pages.Compare.Pair;
using AiCompare.Web.Pages.Discovery;
using AiCompare.Web.Pages.Newsletter;
using AiCompare.Web.Pages.Votes;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Events;

namespace AiCompare.Web.Hosting;

/// <summary>The request pipeline and the site's endpoints.</summary>
public static class RequestPipeline
{
    public static WebApplication UseAiCompare(this WebApplication app)
    {
        // Order matters for speed: a cached page is answered by the page cache before anything else
        // runs but the request log; a miss goes through the rest and is cached on the way out.
        // Forwarded headers (only with a trusted proxy configured) come before both.
        app.UseTrustedProxies();
        app.UseRequestLog();
        // Before the page cache: never stored, compressed or rate limited.
        app.UseMetricsEndpoint();
        var outputCache = app.Services.GetRequiredService<IOptions<CachingOptions>>().Value.Store == CacheStore.OutputCache;
        if (outputCache)
        {
            // The framework's output cache finds its policy on the endpoint, so routing runs first.
            app.UseRouting();
            app.UseOutputCache();
        }
        else
        {
            app.UseMiddleware<PageCacheMiddleware>();
        }
        // What the cache did not answer on the socket's own thread leaves it before anything may block.
        if (IoThread.InEffect(app.Services.GetRequiredService<IOptions<ServerOptions>>().Value, app.Configuration)) app.UseMiddleware<LeaveIoThreadMiddleware>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
        }
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseProblemResponses(handleExceptions: !app.Environment.IsDevelopment());
        app.UseMiddleware<BadRequestMiddleware>();
        // Inside the status-code pages, so a storage fault's 503 is shown with the error page (also in Development).
        app.UseMiddleware<StorageFaultMiddleware>();
        // Inside the cache, so entries are stored compressed (one per negotiated encoding) and a hit
        // never compresses. Never admin pages: their antiforgery tokens are what BREACH targets.
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase), b => b.UseResponseCompression());
        app.UseStaticFiles(StaticFileCaching.Options);
        app.UseMiddleware<AdminNoStoreMiddleware>();
        if (!outputCache) app.UseRouting();
        // Rate limits guard POSTs (votes, signups, sign-ins): public GETs skip them.
        app.UseWhen(c => !HttpMethods.IsGet(c.Request.Method), b => b.UseRateLimiter());
        // Here, not first (where WebApplication would put it if the app did not call it), so that cache
        // hits never reach it. It authenticates nobody by default: the admin policies name the cookie
        // scheme, so the cookie is read on admin endpoints only (AdminSetup). Authorization is global, so
        // a protected page anywhere fails closed.
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteHealthAsync });
        app.MapReadiness();
        app.MapVotes();
        app.MapNewsletter();
        app.MapDiscovery();
        app.MapApi();
        app.MapComparePair();
        app.MapRazorPages();
        return app;
    }

    /// <summary>
    /// One line per request, at Information: method, path base and path, status and elapsed time. The
    /// query string is left out on purpose: it may carry personal data (an email in a form, a token in a link).
    /// </summary>
    private static void UseRequestLog(this WebApplication app)
    {
        // The host's own logger, not the static Log.Logger (each host has its own; see ServiceRegistration).
        var logger = app.Services.GetRequiredService<Serilog.ILogger>();
        // Skipped whole while Information is off (a busy site logging warnings only): Serilog's middleware
        // would still time the request and set up a diagnostic context for a line it then drops.
        app.UseWhen(_ => logger.IsEnabled(LogEventLevel.Information), branch => branch.UseSerilogRequestLogging(o =>
        {
            o.Logger = logger;
            o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            // Failures too: the exception handler logs the error itself.
            o.GetLevel = (_, _, _) => LogEventLevel.Information;
            o.GetMessageTemplateProperties = (context, _, elapsed, status) =>
            [
                new LogEventProperty("RequestMethod", new ScalarValue(context.Request.Method)),
                new LogEventProperty("RequestPath", new ScalarValue((context.Request.PathBase + context.Request.Path).Value)),
                new LogEventProperty("StatusCode", new ScalarValue(status)),
                new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
            ];
        }));
    }

    /// <summary>
    /// <c>ok</c> (200) or <c>database unavailable</c> (503, the health check middleware's status for
    /// Unhealthy), as plain text; the middleware itself forbids caching the answer.
    /// </summary>
    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain";
        return context.Response.WriteAsync(report.Status == HealthStatus.Healthy ? "ok" : DatabaseHealthCheck.Unavailable);
    }
}
