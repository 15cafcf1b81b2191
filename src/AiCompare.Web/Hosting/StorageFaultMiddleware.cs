using AiCompare.Data;

namespace AiCompare.Web.Hosting;

/// <summary>
/// A storage fault (disk full, read-only storage, a lock held too long) that escapes a write request is the
/// site's situation, not a bug: it is answered 503 with <c>Retry-After</c> and the error page saying what
/// happened, logged as one warning line without a stack trace, and the connection pool is cleared
/// (<see cref="Db.NoteFault"/>). Inside the status-code pages, which render the error page for the 503.
/// </summary>
public sealed class StorageFaultMiddleware(RequestDelegate next, Db db, ILogger<StorageFaultMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // Reads are left alone: they keep working through a full disk, read-only storage or a held lock,
        // and a database that cannot be read at all is a 500 like any other failure of a page.
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted && StorageFault.Classify(e) is not null)
        {
            var kind = db.NoteFault(e) ?? StorageFaultKind.Unavailable;
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            StorageFaultFeature.Apply(context, kind);
            logger.LogWarning("Storage fault: {Method} {Path} answered 503, {Reason}: {Error}",
                context.Request.Method, context.Request.Path.Value, StorageFault.Reason(kind), e.GetBaseException().Message);
        }
    }
}
