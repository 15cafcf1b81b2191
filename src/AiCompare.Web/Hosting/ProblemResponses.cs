namespace AiCompare.Web.Hosting;

/// <summary>
/// Errors as RFC 9457 problem details (<c>application/problem+json</c>: type, title, status, detail) for
/// clients that read JSON: everything under <c>/api</c>, and any request whose <c>Accept</c> asks for JSON
/// (the vote script's fetch). Everyone else gets the error page. Endpoints that know what went wrong answer
/// with <see cref="Problem"/> themselves; a bare status (the rate limiter's 429, routing's 404 and 405, a
/// storage fault's 503, a binding failure's 400) and an unhandled exception get one here.
/// </summary>
public static class ProblemResponses
{
    public static bool WantsJson(HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || AcceptsJson(request);

    public static bool AcceptsJson(HttpRequest request)
    {
        foreach (var value in request.Headers.Accept)
        {
            if (value is not null && value.Contains("json", StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    public static IResult Problem(int status, string detail) =>
        Results.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Type = Type(status),
            Title = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
            Status = status,
            Detail = detail,
        });

    // Where the status is defined; "about:blank" (RFC 9457 4.2.1) says the status itself is the explanation.
    private static string Type(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        405 => "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        429 => "https://tools.ietf.org/html/rfc6585#section-4",
        500 => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
        503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => "about:blank",
    };

    /// <summary>
    /// Inside the status-code pages (and the exception handler), so that for JSON clients these answer
    /// first; the error page then sees a response with a body and leaves it alone.
    /// </summary>
    public static IApplicationBuilder UseProblemResponses(this IApplicationBuilder app, bool handleExceptions) =>
        app.UseWhen(c => WantsJson(c.Request), branch =>
        {
            if (handleExceptions)
            {
                branch.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = c => WriteAsync(c, StatusCodes.Status500InternalServerError) });
            }
            branch.UseStatusCodePages(new StatusCodePagesOptions { HandleAsync = s => WriteAsync(s.HttpContext, s.HttpContext.Response.StatusCode) });
        });

    private static Task WriteAsync(HttpContext context, int status) => Problem(status, Detail(context, status)).ExecuteAsync(context);

    private static string Detail(HttpContext context, int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request could not be read. Check the address and its query values.",
        StatusCodes.Status404NotFound => "There is nothing at this address.",
        StatusCodes.Status405MethodNotAllowed => $"This address does not accept {context.Request.Method}.",
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        StatusCodes.Status429TooManyRequests => "Too many requests from your network just now. Please try again in a minute.",
        StatusCodes.Status503ServiceUnavailable => context.Features.Get<StorageFaultFeature>()?.Message
            ?? "The site cannot take this just now. Please try again in a moment.",
        >= 500 => "Something went wrong on our side. Please try again later.",
        _ => "The request was refused.",
    };
}
