namespace AiCompare.Web.Hosting;

/// <summary>
/// A client that sends a malformed, oversized or too slow body makes the form read throw: Kestrel's
/// <see cref="BadHttpRequestException"/> (408 too slow, 413 over <c>MaxRequestBodySize</c>, 400), or the
/// form reader's <see cref="InvalidDataException"/> (over a <see cref="RequestLimits"/> form limit: 413;
/// a missing multipart boundary: 400) or <see cref="IOException"/> (multipart cut short: 400). That is the
/// client's fault, not the site's: answer its status with one warning line instead of a 500 and an
/// error-level stack trace. Inside status-code pages, so the site's error page is shown when the
/// response has not started.
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
            Answer(context, ex.StatusCode, ex.Message);
        }
        catch (Exception ex) when (IsFormReadFailure(context, ex))
        {
            // The form reader's limit messages end "… limit N exceeded."; anything else is malformed.
            var tooLarge = ex is InvalidDataException && ex.Message.Contains(" limit ", StringComparison.Ordinal);
            Answer(context, tooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest, ex.Message);
        }
        catch (InvalidDataException ex) when (!context.Response.HasStarted)
        {
            // Any other undecodable input (a NUL in a value, as in ReturnUrl=/e%00) is the client's mistake too.
            Answer(context, StatusCodes.Status400BadRequest, ex.Message);
        }
    }

    // Only a form the request sent, and not a client that went away (that is an IOException too).
    private static bool IsFormReadFailure(HttpContext context, Exception ex) =>
        ex is InvalidDataException or IOException
        && context.Request.HasFormContentType
        && !context.RequestAborted.IsCancellationRequested;

    private void Answer(HttpContext context, int status, string reason)
    {
        logger.LogWarning("Bad request: {Method} {Path} answered {StatusCode}: {Reason}",
            context.Request.Method, (context.Request.PathBase + context.Request.Path).Value, status, reason);
        if (context.Response.HasStarted) return;
        context.Response.Clear();
        context.Response.StatusCode = status;
    }
}
