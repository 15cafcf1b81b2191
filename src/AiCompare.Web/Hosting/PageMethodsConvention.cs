using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace AiCompare.Web.Hosting;

/// <summary>
/// Razor Pages map every page for every HTTP method and, when no handler matches (TRACE, PUT…), run the
/// page with none, so a page model that loads in OnGet renders half-built and fails. This gives each page
/// the methods its handlers name (GET and HEAD always), so routing answers anything else with 405.
/// The error page is left open: it is re-executed with whatever method failed. But it loses the filter
/// that answers an OPTIONS request with an empty 200 when a page has no OnOptions handler: re-executed
/// for a refused OPTIONS, that filter turned every page's 405 into a 200 (the way the newsletter's confirm
/// and unsubscribe pages, and every other page, seemed to accept OPTIONS). Admin pages also take
/// POST, so that an anonymous POST meets the sign-in redirect (or antiforgery's 400) as before, and
/// learns nothing about which handlers a page has.
/// </summary>
public sealed class PageMethodsConvention : IPageApplicationModelConvention
{
    public void Apply(PageApplicationModel model)
    {
        if (model.ViewEnginePath == "/Error")
        {
            // The framework's filter is internal: found by name.
            foreach (var filter in model.Filters.Where(f => f.GetType().Name == "HandleOptionsRequestsPageFilter").ToList()) model.Filters.Remove(filter);
            return;
        }
        var methods = new SortedSet<string>(StringComparer.Ordinal) { HttpMethods.Get, HttpMethods.Head };
        if (model.ViewEnginePath.StartsWith("/Admin/", StringComparison.Ordinal)) methods.Add(HttpMethods.Post);
        foreach (var handler in model.HandlerMethods) methods.Add(handler.HttpMethod.ToUpperInvariant());
        model.EndpointMetadata.Add(new HttpMethodMetadata(methods));
    }
}
