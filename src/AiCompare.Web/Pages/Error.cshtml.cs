using System.Globalization;
using AiCompare.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AiCompare.Web.Pages;

/// <summary>
/// The error page for unhandled exceptions (<c>/error</c>) and for bare status codes
/// (<c>/error/404</c> through status-code re-execution). It never shows exception details.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }

    /// <summary>Set when the request failed on a storage fault: what was not saved, and why.</summary>
    public StorageFaultFeature? Fault { get; private set; }

    // No handler methods and no bound parameters. The page is re-executed with the failed request's own
    // method (POST, PUT, TRACE, a made-up one), and Razor Pages runs a page with no matching handler
    // without calling one, so the work is done here, which runs for every method. Binding would read the
    // form of a re-executed POST, and when that body is what failed the error page would fail in turn.
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context) => Show();

    private void Show()
    {
        int? code = int.TryParse(RouteData.Values["code"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
        // Visiting /error/… directly is not an error in itself: treat it as "not found".
        var reExecuted = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null
            || HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null;
        Code = code is >= 400 and <= 599 && reExecuted ? code.Value : reExecuted ? 500 : 404;
        Response.StatusCode = Code;
        Response.Headers.CacheControl = "no-store";
        Fault = reExecuted ? HttpContext.Features.Get<StorageFaultFeature>() : null;
        if (Fault is not null) StorageFaultFeature.Apply(HttpContext, Fault.Kind);
    }
}
