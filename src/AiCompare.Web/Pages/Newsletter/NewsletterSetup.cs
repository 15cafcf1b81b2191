using System.Globalization;
using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Hosting;
using AiCompare.Web.Pages.Newsletter.Emails;

namespace AiCompare.Web.Pages.Newsletter;

/// <summary>Services and the signup endpoint of the newsletter.</summary>
public static class NewsletterSetup
{
    /// <summary>A person needs longer than this to type an address; bots posting at once are dropped.</summary>
    public static readonly TimeSpan MinimumFillTime = TimeSpan.FromSeconds(2);

    public static IServiceCollection AddNewsletter(this IServiceCollection services)
    {
        services.AddSingleton<NewsletterRepository>();
        services.AddSingleton<IEmailSender, SmtpEmailSender>();
        services.AddSingleton(sp => new LinkTokens(sp.GetRequiredService<SiteSecrets>().Get("newsletter-link-key")));
        services.AddSingleton<NewsletterLinks>();
        services.AddSingleton<NewsletterService>();
        services.AddSingleton<DigestComposer>();
        services.AddSingleton<Digests>();
        services.AddHostedService<DigestScheduler>();
        return services;
    }

    public static void MapNewsletter(this WebApplication app) =>
        app.MapPost("/newsletter/subscribe", SubscribeAsync).RequireRateLimiting(RateLimits.Newsletter).DisableAntiforgery();

    /// <summary>
    /// The signup form's POST. Whatever the address, known or not, the answer is the same 303 to the
    /// "check your inbox" page; bots (honeypot filled, form sent too fast) are dropped silently.
    /// </summary>
    private static async Task<IResult> SubscribeAsync(HttpContext context, NewsletterService newsletter, ILoggerFactory loggers)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (!SameOrigin.IsSameOrigin(context.Request)) return Results.Text("Cross-site signups are not accepted.", "text/plain", statusCode: StatusCodes.Status403Forbidden);
        if (!context.Request.HasFormContentType) return Results.Redirect("/newsletter", permanent: false);
        var form = await context.Request.ReadFormAsync();
        var email = AccountRules.NormaliseEmail(form["email"]);
        if (email is null) return Results.Redirect("/newsletter?error=email", permanent: false);

        var honeypot = form["website"].ToString();
        var started = long.TryParse(form["t"], NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? DateTimeOffset.FromUnixTimeSeconds(Math.Min(t, 253402300799)) : DateTimeOffset.MaxValue;
        if (honeypot.Length > 0 || DateTimeOffset.UtcNow - started < MinimumFillTime)
        {
            loggers.CreateLogger("AiCompare.Newsletter").LogInformation("Newsletter: signup dropped as automated");
            return SeeOther("/newsletter/check-email");
        }
        await newsletter.SignupAsync(email, ClientAddress.Of(context));
        return SeeOther("/newsletter/check-email");
    }

    private static SeeOther SeeOther(string location) => new(location);
}
