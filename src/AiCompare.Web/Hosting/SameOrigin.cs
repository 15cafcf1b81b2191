namespace AiCompare.Web.Hosting;

/// <summary>
/// The check that stands in for an antiforgery token on the public forms (votes, newsletter signup),
/// whose pages carry no per-user token so that they stay cacheable.
/// </summary>
public static class SameOrigin
{
    /// <summary>Accepts same-origin requests and those from clients that send neither header.</summary>
    public static bool IsSameOrigin(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && !site.Equals("same-origin", StringComparison.OrdinalIgnoreCase)) return false;
        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0 || origin.Equals($"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }
}
