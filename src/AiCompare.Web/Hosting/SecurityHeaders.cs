namespace AiCompare.Web.Hosting;

/// <summary>
/// Headers every response carries: no third-party content, no framing, no MIME sniffing, no powerful
/// browser features (<see cref="Permissions"/>); and HSTS on HTTPS responses when <c>Site:BaseUrl</c> is
/// https (then the site is meant to be reached over HTTPS only; a development or test site on plain HTTP
/// never pins a browser). Set by <see cref="SecurityHeadersMiddleware"/> as a response starts, and by the
/// page cache's middleware on a comparison it writes before the pipeline: one list for both.
/// </summary>
public sealed class SecurityHeaders(SiteOrigin origin)
{
    /// <summary>One year, the value HSTS preload lists ask for; subdomains are left to their own sites.</summary>
    public const string Hsts = "max-age=31536000";

    /// <summary>
    /// Browser features the site never uses, denied to it and to anything it frames. Copying to the
    /// clipboard (the share block) is left at the browser's default, which allows it for the page itself.
    /// </summary>
    public const string Permissions =
        "accelerometer=(), autoplay=(), browsing-topics=(), camera=(), display-capture=(), geolocation=(), " +
        "gyroscope=(), hid=(), magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), " +
        "serial=(), usb=(), xr-spatial-tracking=()";

    private const string Policy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    // The embeddable verdict card is the one page other sites may frame.
    private const string EmbedPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'none'; " +
        "frame-ancestors *; base-uri 'none'; form-action 'none'; object-src 'none'";

    private readonly bool _hsts = origin.Configured?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) == true;

    public void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        var embed = context.Request.Path.StartsWithSegments("/embed", StringComparison.OrdinalIgnoreCase);
        headers.ContentSecurityPolicy = embed ? EmbedPolicy : Policy;
        headers.XContentTypeOptions = "nosniff";
        if (!embed) headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = Permissions;
        if (_hsts && context.Request.IsHttps) headers.StrictTransportSecurity = Hsts;
    }
}
