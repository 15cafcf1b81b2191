using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace AiCompare.Web.Pages.Admin.Accounts;

/// <summary>Authentication, authorization and antiforgery for the admin area.</summary>
public static class AdminSetup
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string AdminPolicy = "admin";

    public static IServiceCollection AddAdmin(this IServiceCollection services)
    {
        services.AddScoped<EditorCookieEvents>();
        // The sign-in cookie is nobody's default for authenticating: the authentication middleware, which
        // runs for every request the page cache does not answer, then reads no cookie, and only the admin
        // policies below, which name the scheme, authenticate, on admin endpoints alone. (The switch stops
        // ASP.NET Core from making the one registered scheme the default.) Challenges, forbids, sign-ins
        // and sign-outs still default to it.
        AppContext.SetSwitch("Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme", true);
        services.AddAuthentication(o =>
            {
                o.DefaultChallengeScheme = Scheme;
                o.DefaultForbidScheme = Scheme;
                o.DefaultSignInScheme = Scheme;
                o.DefaultSignOutScheme = Scheme;
            })
            .AddCookie(Scheme, o =>
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
                // Secure on every HTTPS request, a forwarded one included (ForwardedHeadersSetup), and
                // not on plain HTTP, where a browser would drop a Secure cookie and no one could sign in.
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.EventsType = typeof(EditorCookieEvents);
            });
        services.AddAuthorization(o =>
        {
            // What AuthorizeFolder("/Admin") asks for: a signed-in editor, by the cookie.
            o.DefaultPolicy = new AuthorizationPolicyBuilder(Scheme).RequireAuthenticatedUser().Build();
            o.AddPolicy(AdminPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireRole("admin"));
        });
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
