using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
namespace AiCompare.Web.Pages.Admin.Accounts;

/// <summary>Authentication, authorization, antiforgery and rate limits for the admin area.</summary>
public static class AdminSetup
{
    public const string AdminPolicy = "admin";
    public const string LoginRateLimit = "login";
    public const int LockoutThreshold = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public static IServiceCollection AddAdmin(this IServiceCollection services)
    {
        services.AddScoped<EditorCookieEvents>();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/admin/login";
                o.LogoutPath = "/admin/logout";
                o.AccessDeniedPath = "/admin/denied";
                o.ReturnUrlParameter = "returnUrl";
                // The cookie only travels to /admin: public pages never see it and stay cacheable.
                o.Cookie.Name = "aic_admin";
                o.Cookie.Path = "/admin";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.EventsType = typeof(EditorCookieEvents);
            });
        services.AddAuthorization(o => o.AddPolicy(AdminPolicy, p => p.RequireRole("admin")));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "aic_af";
            o.Cookie.Path = "/admin";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("AiCompare.Security")
                    .LogWarning("Security: login rate limit hit");
                return ValueTask.CompletedTask;
            };
            // Sign-in attempts per client address; reading the form is not limited.
            o.AddPolicy(LoginRateLimit, context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method)) return RateLimitPartition.GetNoLimiter("read");
                var limit = context.RequestServices.GetRequiredService<IOptions<AdminOptions>>().Value.LoginAttemptsPerMinute;
                var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limit,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
        });
        return services;
    }
}
