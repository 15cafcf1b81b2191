using System.Diagnostics;

namespace AiCompare.Web.Hosting;

/// <summary>
/// One structured line per request: method, path, status and elapsed time. The query string is left
/// out on purpose: it may carry personal data (an email in a form, a token in a link).
/// </summary>
public sealed class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context) =>
        logger.IsEnabled(LogLevel.Information) ? LogAsync(context) : next(context);

    private async Task LogAsync(HttpContext context)
    {
        var start = Stopwatch.GetTimestamp();
        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            var status = failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
            logger.LogInformation(
                "HTTP {Method} {Path} responded {StatusCode} in {ElapsedMs:0.0} ms",
                context.Request.Method,
                context.Request.PathBase + context.Request.Path,
                status,
                Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }
}
