using System.Reflection;
using AiCompare.Data;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AiCompare.Web.Hosting;

/// <summary>
/// Keeps an editor's typed input when a save meets a storage fault: a handler marked
/// <see cref="KeepsInputOnStorageFaultAttribute"/> that throws one renders its page again, with what was
/// posted, a "Not saved" notice (the admin layout shows <see cref="StorageFaultFeature"/>), 503 and
/// <c>Retry-After</c>. Any other handler's fault goes on to <see cref="StorageFaultMiddleware"/>.
/// </summary>
public sealed class StorageFaultPageFilter(Db db, ILogger<StorageFaultPageFilter> logger) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is not { } e || executed.ExceptionHandled || executed.HandlerInstance is not PageModel page) return;
        if (context.HandlerMethod?.MethodInfo.IsDefined(typeof(KeepsInputOnStorageFaultAttribute)) != true) return;
        if (db.NoteFault(e) is not { } kind) return;

        executed.ExceptionHandled = true;
        var feature = StorageFaultFeature.Apply(context.HttpContext, kind);
        page.ModelState.AddModelError(string.Empty, feature.Message);
        var result = page.Page();
        result.StatusCode = StatusCodes.Status503ServiceUnavailable;
        executed.Result = result;
        logger.LogWarning("Storage fault: {Method} {Path} answered 503 with the form kept, {Reason}: {Error}",
            context.HttpContext.Request.Method, context.HttpContext.Request.Path.Value, StorageFault.Reason(kind), e.GetBaseException().Message);
    }
}
