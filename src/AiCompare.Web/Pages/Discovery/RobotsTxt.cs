using AiCompare.Web.Caching;
using AiCompare.Web.Hosting;

namespace AiCompare.Web.Pages.Discovery;

/// <summary><c>/robots.txt</c>: crawl everything public, never the admin, votes or search; where the sitemap is.</summary>
public static class RobotsTxt
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/robots.txt", (AbsoluteUrls links) => DiscoveryResults.Cached(Results.Text(
            $"User-agent: *\nAllow: /\nDisallow: /admin\nDisallow: /votes\nDisallow: /search\n\nSitemap: {links.Absolute("/sitemap.xml")}\n", "text/plain"))).CachePublic();
    }
}
