namespace AiCompare.Web.Hosting;

/// <summary>
/// A client that sends a malformed or too slow body (Kestrel's MinRequestBodyDataRate) makes the form
/// read throw <see cref="BadHttpRequestException"/>. That is the client's fault, not the site's: answer
/// its status (408, 400, 413) with one warning line instead of a 500 and an error-level stack trace.
/// Inside status-code pages, so the site's error page is shown when the response has not started.
/// </summary>
public sealed class BadRequestMiddleware(RequestDelegate next, ILogger<BadRequestMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex)
        {
            logger.LogWarning("Bad request: {Method} {Path} answered {StatusCode}: {Reason}",
                context.Request.Method, (context.Request.PathBase + context.Request.Path).Value, ex.StatusCode, ex.Message);
            if (context.Response.HasStarted) return;
            context.Response.Clear();
            context.Response.StatusCode = ex.StatusCode;
        }
        catch (InvalidDataException ex) when (!context.Response.HasStarted)
        {
            // A form that cannot be decoded (a NUL in a value, as in ReturnUrl=/e%00) is the client's mistake too.
            logger.LogWarning("Bad request: {Method} {Path} answered 400: {Reason}",
                context.Request.Method, (context.Request.PathBase + context.Request.Path).Value, ex.Message);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
