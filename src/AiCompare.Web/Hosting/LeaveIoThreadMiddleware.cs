using AiCompare.Web.Caching;

namespace AiCompare.Web.Hosting;

/// <summary>
/// Right after the page cache, with <see cref="ServerOptions.InlineScheduling"/> on: what the cache did not
/// answer on the socket's thread (a hit, or a comparison it writes itself) moves to the thread pool before
/// anything that may block runs, and its body reads and writes come back to the thread pool after a wait
/// (<see cref="PoolResumingStream"/>). A response the page cache buffers is written to memory, so it is left as it is.
/// </summary>
public sealed class LeaveIoThreadMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await IoThread.LeaveAsync();
        var request = context.Request;
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0) request.Body = new PoolResumingStream(request.Body);
        if (context.Response.Body is not PooledBuffer) context.Response.Body = new PoolResumingStream(context.Response.Body);
        await next(context);
    }
}
