using Microsoft.AspNetCore.Authentication.Cookies;
namespace AiCompare.Web.Pages.Admin.Accounts;

/// <summary>Authentication, authorization and antiforgery for the admin area.</summary>
public static class AdminSetup
{
    public const string AdminPolicy = "admin";
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
        return services;
    }
}
