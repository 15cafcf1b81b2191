using Microsoft.Extensions.Options;

namespace AiCompare.Web.Hosting;

/// <summary>
/// Where the site lives, for the absolute URLs its pages carry (canonical link, <c>og:url</c>, JSON-LD,
/// share links, embed snippets): <c>Site:BaseUrl</c> when it is set, so that a request's <c>Host</c>
/// header, which any client may send, never reaches a page that this site's cache, a CDN or a crawler
/// keeps; otherwise (development, tests) the request's own scheme, host and path base.
/// </summary>
public sealed class SiteOrigin(IOptions<SiteOptions> options)
{
    // SiteOptions refuses a malformed value at start, so here it is either a base URL or unset.
    private readonly string? _configured = options.Value.NormalisedBaseUrl();

    /// <summary>The configured base address, if any (no trailing slash).</summary>
    public string? Configured => _configured;

    /// <summary>
    /// The configured base address's origin as a browser writes it in <c>Origin</c> (scheme, host, and
    /// port unless the scheme's default), if any.
    /// </summary>
    public string? ConfiguredOrigin { get; } = options.Value.NormalisedBaseUrl() is { } url ? new Uri(url).GetLeftPart(UriPartial.Authority) : null;

    /// <summary>
    /// The site's root as a URL prefix without a trailing slash (<c>https://aicompare.example</c>, or
    /// <c>https://example.org/aicompare</c> when the site lives under a path): append a path that starts
    /// with <c>/</c>.
    /// </summary>
    public string Root(HttpRequest request) =>
        _configured ?? string.Concat(request.Scheme, "://", request.Host.ToUriComponent(), request.PathBase.ToUriComponent());
}
