namespace AiCompare.Web.Hosting;

/// <summary>
/// The check that stands in for an antiforgery token on the public forms (votes, newsletter signup),
/// whose pages carry no per-user token so that they stay cacheable.
/// </summary>
public static class SameOrigin
{
    /// <summary>
    /// Accepts same-origin requests and those from clients that send neither header. The origin may be
    /// the request's own or <c>Site:BaseUrl</c>'s: behind a proxy the request's host or port need not be
    /// the one the browser used (nginx's <c>$host</c> drops the port).
    /// </summary>
    public static bool IsSameOrigin(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && !site.Equals("same-origin", StringComparison.OrdinalIgnoreCase)) return false;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return true;
        if (request.HttpContext.RequestServices.GetService<SiteOrigin>()?.ConfiguredOrigin is { } configured
            && origin.Equals(configured, StringComparison.OrdinalIgnoreCase)) return true;
        return origin.Equals($"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }
}
