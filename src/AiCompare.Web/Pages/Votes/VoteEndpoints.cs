using System.Security.Cryptography;
using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Hosting;
using Microsoft.Extensions.Options;

namespace AiCompare.Web.Pages.Votes;

/// <summary>
/// Community ship/skip votes: <c>POST /votes/{slug}</c> (a form, or <c>fetch</c> asking for JSON) and
/// <c>GET /votes/mine</c>. The voter cookie is set only here, with <c>Path=/votes</c>, so public pages
/// never set or receive it and stay cacheable. No antiforgery token (pages carry no per-user token):
/// cross-site posts are refused by <c>Sec-Fetch-Site</c> and <c>Origin</c> instead.
/// </summary>
public static class VoteEndpoints
{
    public const string CookieName = "aic_voter";

    public static IServiceCollection AddVotes(this IServiceCollection services)
    {
        services.AddSingleton<VoteRepository>();
        services.AddSingleton<VoteWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<VoteWriter>());
        services.AddSingleton<IValidateOptions<SecurityOptions>, AddressHashKeyValidation>();
        services.AddSingleton(sp =>
        {
            var (key, problem) = AddressHashKey.Resolve(sp.GetRequiredService<IOptions<SecurityOptions>>().Value, AddressHashKey.DatabasePath(sp.GetRequiredService<IConfiguration>()));
            return new AddressHasher(key ?? throw new InvalidOperationException(problem));
        });
        return services;
    }

    public static void MapVotes(this WebApplication app)
    {
        app.MapPost("/votes/{slug}", VoteAsync).RequireRateLimiting(RateLimits.Votes).DisableAntiforgery();
        app.MapGet("/votes/mine", MineAsync);
    }

    private static async Task<IResult> VoteAsync(string slug, HttpContext context, VoteWriter votes, AddressHasher addresses, IOptions<VotesOptions> options)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (!SameOrigin.IsSameOrigin(context.Request)) return Results.Text("Cross-site votes are not accepted.", "text/plain", statusCode: StatusCodes.Status403Forbidden);
        if (!context.Request.HasFormContentType) return Results.Text("Send the vote as a form.", "text/plain", statusCode: StatusCodes.Status400BadRequest);
        var form = await context.Request.ReadFormAsync();
        if (!ContentRules.TryVerdict(form["verdict"], out var verdict))
            return Results.Text("A vote is 'ship' or 'skip'.", "text/plain", statusCode: StatusCodes.Status400BadRequest);
        slug = slug.ToLowerInvariant();
        if (!Slug.IsValid(slug)) return Results.NotFound();

        var voter = context.Request.Cookies[CookieName];
        var newVoter = !IsVoterId(voter);
        if (newVoter) voter = NewVoterId();
        var cap = options.Value.PerAddressCap;
        var address = addresses.Of(ClientAddress.Of(context));
        VoteResult result;
        try
        {
            // Returns once the vote's transaction has committed and the pages showing the tally were evicted.
            result = await votes.SubmitAsync(new VoteRequest(slug, voter!, address, verdict, cap));
        }
        catch (VoteNotRecordedException)
        {
            context.Response.Headers.RetryAfter = "5";
            return Results.Text("Your vote could not be saved just now. Please try again in a moment.", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        var (outcome, tally) = (result.Outcome, result.Tally);
        if (outcome == VoteOutcome.UnknownTool) return Results.NotFound();
        if (outcome == VoteOutcome.AddressCapReached)
            return Results.Text("Enough votes on this tool have come from your network already.", "text/plain", statusCode: StatusCodes.Status429TooManyRequests);

        if (newVoter)
        {
            context.Response.Cookies.Append(CookieName, voter!, new CookieOptions
            {
                Path = "/votes",
                HttpOnly = true,
                Secure = context.Request.IsHttps,
                SameSite = SameSiteMode.Lax,
                MaxAge = TimeSpan.FromDays(730),
                IsEssential = true,
            });
        }
        if (WantsJson(context.Request))
        {
            return Results.Json(new
            {
                slug,
                ships = tally.Ships,
                skips = tally.Skips,
                votes = tally.Votes,
                hero = tally.HeroText,
                decision = tally.DecisionText,
                yours = ContentRules.VerdictToken(verdict),
            });
        }
        var back = form["return"].ToString();
        return new SeeOther(LocalUrl.IsLocalPath(back) ? back : "/tools/" + slug);
    }

    private static async Task<IResult> MineAsync(HttpContext context, VoteRepository votes)
    {
        context.Response.Headers.CacheControl = "private, no-store";
        var voter = context.Request.Cookies[CookieName];
        var slugs = context.Request.Query["slug"].Where(s => Slug.IsValid(s)).Select(s => s!).Distinct(StringComparer.Ordinal).Take(50).ToList();
        if (!IsVoterId(voter) || slugs.Count == 0) return Results.Json(new Dictionary<string, string>());
        return Results.Json(await votes.MineAsync(voter!, slugs));
    }

    private static bool WantsJson(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);

    private static string NewVoterId() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    private static bool IsVoterId(string? value) =>
        value is { Length: 22 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
