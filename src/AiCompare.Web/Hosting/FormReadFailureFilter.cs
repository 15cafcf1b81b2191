using Microsoft.AspNetCore.Mvc.Core.Infrastructure;
using Microsoft.AspNetCore.Mvc.Filters;

namespace AiCompare.Web.Hosting;

/// <summary>
/// Antiforgery reads a page's form first and turns any failed read into "invalid token" (400). When the
/// read failed because the client sent its body too slowly, too large or malformed, reading the form again
/// rethrows that failure, so <see cref="BadRequestMiddleware"/> answers its own status (408, 413, 400).
/// </summary>
public sealed class FormReadFailureFilter : IAsyncAlwaysRunResultFilter
{
    public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        if (context.Result is IAntiforgeryValidationFailedResult && request.HasFormContentType)
        {
            // The form feature keeps the failed read: this rethrows it without touching the body again.
            await request.ReadFormAsync(context.HttpContext.RequestAborted);
        }
        await next();
    }
}
