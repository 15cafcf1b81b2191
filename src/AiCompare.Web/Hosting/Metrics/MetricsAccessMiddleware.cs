using System.Net;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace AiCompare.Web.Hosting.Metrics;

/// <summary>
/// In front of the Prometheus exporter: <c>/metrics</c> answers only clients in <c>Metrics:AllowedNetworks</c>,
/// and never through a proxy (a request carrying forwarding headers came through one, whatever address it
/// arrived from). Everyone else gets a bare 404. Nothing it answers may be stored by anyone.
/// </summary>
public sealed class MetricsAccessMiddleware(RequestDelegate next, IOptions<MetricsOptions> options)
{
    private readonly IReadOnlyList<IPNetwork> _allowed = options.Value.Networks();

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        // Scrapes stay out of the request-duration histogram they read.
        if (context.Features.Get<IHttpMetricsTagsFeature>() is { } duration) duration.MetricsDisabled = true;
        if (!Allowed(context))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        return next(context);
    }

    private bool Allowed(HttpContext context)
    {
        var headers = context.Request.Headers;
        if (headers.ContainsKey("X-Forwarded-For") || headers.ContainsKey("X-Original-For") || headers.ContainsKey("Forwarded")) return false;
        if (context.Connection.RemoteIpAddress is not { } address) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        foreach (var network in _allowed)
        {
            if (network.Contains(address)) return true;
        }
        return false;
    }
}
