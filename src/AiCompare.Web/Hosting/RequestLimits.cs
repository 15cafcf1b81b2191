using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace AiCompare.Web.Hosting;

/// <summary>
/// How much a client may send. The site's largest form is the admin tool editor (a few dozen fields and
/// a Markdown review of some kilobytes) and nothing uploads files, so the limits sit far above any real
/// form and far below the framework's defaults (30 MB bodies, 4 MB values, 1,024 fields). A form over
/// a limit fails to read; <see cref="BadRequestMiddleware"/> answers it with 413.
/// </summary>
public static class RequestLimits
{
    /// <summary>Kestrel's <c>MaxRequestBodySize</c> unless <c>Kestrel:Limits:MaxRequestBodySize</c> is set.</summary>
    public const int MaxRequestBodyBytes = 1024 * 1024;

    public const int MaxFormFields = 256;

    public const int MaxFormValueBytes = 256 * 1024;

    public static IServiceCollection AddRequestLimits(this IServiceCollection services)
    {
        services.AddOptions<KestrelServerOptions>().Configure<IConfiguration>((o, config) =>
        {
            if (config["Kestrel:Limits:MaxRequestBodySize"] is null) o.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
        });
        services.Configure<FormOptions>(o =>
        {
            o.ValueCountLimit = MaxFormFields;
            o.ValueLengthLimit = MaxFormValueBytes;
            // Kestrel's limit covers the whole body on a real server; this also holds where it does not
            // apply (a test server, or Kestrel's limit raised by configuration).
            o.MultipartBodyLengthLimit = MaxRequestBodyBytes;
        });
        return services;
    }
}
