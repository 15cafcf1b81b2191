using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace AiCompare.Web.Hosting;

/// <summary>
/// ASP.NET Core's forwarded headers middleware, trusting only the proxies in <see cref="ProxyOptions"/>.
/// It takes the client's address from <c>X-Forwarded-For</c> and the scheme from
/// <c>X-Forwarded-Proto</c>, one hop deep (the proxy in front of the site). Not <c>X-Forwarded-Host</c>:
/// the documented nginx configuration passes the client's <c>Host</c> through as is, and absolute URLs
/// come from <c>Site:BaseUrl</c> anyway (<see cref="SiteOrigin"/>), so another way to set the host would
/// add nothing but a header to forge.
/// </summary>
public static class ForwardedHeadersSetup
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((o, proxies) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = 1;
            // The framework trusts loopback by default; here only what the settings name is trusted.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.Value.Proxies()) o.KnownProxies.Add(proxy);
            foreach (var network in proxies.Value.Networks()) o.KnownIPNetworks.Add(network);
        });
        return services;
    }

    /// <summary>
    /// First in the pipeline, so that the page cache (whose key holds the scheme), the request log, the
    /// limits and the cookies all see the client's scheme and address. Left out entirely when no proxy
    /// is configured: then there is nothing to believe, and a cache hit pays nothing for it.
    /// </summary>
    public static void UseTrustedProxies(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value.Enabled) app.UseForwardedHeaders();
    }
}
