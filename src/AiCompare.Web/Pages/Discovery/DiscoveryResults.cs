using System.Text;
using System.Xml;

namespace AiCompare.Web.Pages.Discovery;

/// <summary>How discovery outputs are written: UTF-8 XML, and public caching for five minutes.</summary>
internal static class DiscoveryResults
{
    public static IResult UrlSet(IEnumerable<(string Loc, string? LastMod)> urls) => Xml(w =>
    {
        w.WriteStartElement("urlset", "http://www.sitemaps.org/schemas/sitemap/0.9");
        foreach (var (loc, lastmod) in urls)
        {
            w.WriteStartElement("url");
            w.WriteElementString("loc", loc);
            if (lastmod is not null) w.WriteElementString("lastmod", lastmod);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    });

    public static IResult Xml(Action<XmlWriter> write, string contentType = "application/xml")
    {
        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(sb, new XmlWriterSettings { Encoding = Encoding.UTF8 }))
        {
            write(w);
        }
        // StringBuilder output declares utf-16; the bytes sent are UTF-8.
        return Cached(Results.Text(sb.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal), contentType + "; charset=utf-8"));
    }

    public static void Link(XmlWriter w, string href, string rel)
    {
        w.WriteStartElement("link");
        w.WriteAttributeString("rel", rel);
        w.WriteAttributeString("href", href);
        w.WriteEndElement();
    }

    /// <summary>Public, shared-cacheable for five minutes.</summary>
    public static IResult Cached(IResult result) => new CachedResult(result);

    private sealed class CachedResult(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.CacheControl = "public, max-age=300";
            return inner.ExecuteAsync(httpContext);
        }
    }
}
