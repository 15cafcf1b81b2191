using System.Globalization;
using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Hosting;
using AiCompare.Web.Pages.Newsletter.Emails;
using AiCompare.Web.Pages.Newsletter.Signup;
using AiCompare.Web.Pages.Shared.SiteLayout;

namespace AiCompare.Web.Pages.Newsletter;

/// <summary>Services and the signup endpoint of the newsletter.</summary>
public static class NewsletterSetup
{
    /// <summary>
    /// A person typing an address needs longer than this; a browser filling the form in by itself, or a bot,
    /// does not. Such a signup is asked for one more click rather than dropped: a person is never lost.
    /// </summary>
    public static readonly TimeSpan MinimumFillTime = TimeSpan.FromSeconds(2);

    /// <summary>The "one more click" form's field: a signup that carries it was sent by a click on that page.</summary>
    public const string CheckedField = "checked";

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
    /// The signup form's POST. Whatever the address, known or not, a signup gets the same 303 to the "check
    /// your inbox" page. A filled honeypot (a field people don't see) is a bot: dropped with that same answer.
    /// A form sent sooner after its page loaded than anyone types (autofill, or a bot) gets a page that asks for
    /// one more click, whose POST then signs up: nothing is stored or sent before it.
    /// </summary>
    private static async Task<IResult> SubscribeAsync(HttpContext context, NewsletterService newsletter, ILoggerFactory loggers)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (!SameOrigin.IsSameOrigin(context.Request)) return Results.Text("Cross-site signups are not accepted.", "text/plain", statusCode: StatusCodes.Status403Forbidden);
        if (!context.Request.HasFormContentType) return Results.Redirect("/newsletter", permanent: false);
        var form = await context.Request.ReadFormAsync();
        var email = AccountRules.NormaliseEmail(form["email"]);
        if (email is null) return Results.Redirect("/newsletter?error=email", permanent: false);

        if (form["website"].ToString().Length > 0)
        {
            loggers.CreateLogger("AiCompare.Newsletter").LogInformation("Newsletter: signup dropped as automated (honeypot)");
            return SeeOther("/newsletter/check-email");
        }
        var started = long.TryParse(form["t"], NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? DateTimeOffset.FromUnixTimeSeconds(Math.Min(t, 253402300799)) : DateTimeOffset.MaxValue;
        if (form[CheckedField] != "1" && DateTimeOffset.UtcNow - started < MinimumFillTime)
        {
            loggers.CreateLogger("AiCompare.Newsletter").LogInformation("Newsletter: signup sent too fast; asked for one more click");
            return SignupCheck.Create(new SignupCheckView(PageFrame.For(context, "One more click to subscribe", readerExtras: false), email));
        }
        await newsletter.SignupAsync(email, ClientAddress.Of(context));
        return SeeOther("/newsletter/check-email");
    }

    private static SeeOther SeeOther(string location) => new(location);
}
