namespace AiCompare.Web.Hosting;

/// <summary>
/// Sets <see cref="SecurityHeaders"/> on every response as it starts. Page-cache hits carry them too: the
/// cache stores the headers a response was sent with, and its key holds the scheme.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, SecurityHeaders headers)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            headers.Apply(context);
            return Task.CompletedTask;
        });
        return next(context);
    }
}
