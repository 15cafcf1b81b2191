namespace AiCompare.Web.Hosting;

/// <summary>
/// Absolute URLs for what leaves the page: emails, the API, feeds and sitemaps. They use
/// <c>Site:BaseUrl</c>; unset (development), the development address.
/// </summary>
public sealed class AbsoluteUrls(SiteOrigin origin)
{
    public const string DevelopmentBaseUrl = "http://localhost:5080";

    public string BaseUrl => origin.Configured ?? DevelopmentBaseUrl;

    /// <summary>The absolute URL of a site path that starts with <c>/</c>.</summary>
    public string Absolute(string path) => BaseUrl + path;
}
