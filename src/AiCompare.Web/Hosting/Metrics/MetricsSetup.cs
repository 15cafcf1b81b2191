using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;

namespace AiCompare.Web.Hosting.Metrics;

/// <summary>
/// <c>/metrics</c>: the site's own instruments (<see cref="SiteMetrics"/>) and ASP.NET Core's request
/// duration, collected by OpenTelemetry and written in Prometheus text format by its exporter.
/// </summary>
public static class MetricsSetup
{
    public const string Path = "/metrics";

    public static IServiceCollection AddSiteMetrics(this IServiceCollection services)
    {
        services.AddSingleton<SiteMetrics>();
        services.AddHostedService<WriteFailureCounter>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            // http.server.request.duration, by route. The framework's meter only: Kestrel's and routing's
            // would add work to every request for numbers nobody has asked for.
            .AddMeter(SiteMetrics.MeterName, "Microsoft.AspNetCore.Hosting")
            // Each scrape reads the instruments afresh (the exporter would otherwise answer from a copy
            // up to 300 ms old); a scrape every few seconds costs nothing worth saving.
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0)
            // Two more updates per request, cache hits included, for a gauge nobody has asked for.
            .AddView("http.server.active_requests", MetricStreamConfiguration.Drop));
        // OpenTelemetry listens to meters by name, in every host of the process: keep to this host's own
        // (made by its IMeterFactory) and to those made without a factory.
        services.ConfigureOpenTelemetryMeterProvider((sp, metrics) =>
        {
            var own = sp.GetRequiredService<IMeterFactory>();
            metrics.AddView(instrument =>
                instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, own) ? null : MetricStreamConfiguration.Drop);
        });
        return services;
    }

    /// <summary>
    /// Answers <c>/metrics</c> ahead of the page cache, compression and rate limits, to allowed networks
    /// only (<see cref="MetricsAccessMiddleware"/>). Every other request pays one path comparison.
    /// </summary>
    public static void UseMetricsEndpoint(this IApplicationBuilder app) =>
        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: null,
            predicate: context => context.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase),
            path: null,
            configureBranchedPipeline: branch => branch.UseMiddleware<MetricsAccessMiddleware>(),
            optionsName: null);
}
