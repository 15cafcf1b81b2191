namespace AiCompare.Web.Pages.Discovery;

/// <summary>
/// What machines read: robots.txt, the sitemaps, the Atom feed, llms.txt and badges (the embeddable
/// card is the Razor Page <c>Embed.cshtml</c> beside these).
/// </summary>
public static class DiscoveryEndpoints
{
    public static void MapDiscovery(this IEndpointRouteBuilder app)
    {
        RobotsTxt.Map(app);
        Sitemaps.Map(app);
        AtomFeed.Map(app);
        LlmsTxt.Map(app);
        Badge.Map(app);
    }
}
