namespace AiCompare.Web.Hosting;

/// <summary>Headers every response carries: no third-party content, no framing, no MIME sniffing.</summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    private const string Policy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    // The embeddable verdict card is the one page other sites may frame.
    private const string EmbedPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'none'; " +
        "frame-ancestors *; base-uri 'none'; form-action 'none'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            var embed = context.Request.Path.StartsWithSegments("/embed", StringComparison.OrdinalIgnoreCase);
            headers.ContentSecurityPolicy = embed ? EmbedPolicy : Policy;
            headers.XContentTypeOptions = "nosniff";
            if (!embed) headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
