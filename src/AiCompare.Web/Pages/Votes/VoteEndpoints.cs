using System.Security.Cryptography;
using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Hosting;
using Microsoft.Extensions.Options;

namespace AiCompare.Web.Pages.Votes;

/// <summary>
/// Community ship/skip votes: <c>POST /votes/{slug}</c> (a form, or <c>fetch</c> asking for JSON),
/// <c>GET /votes/mine</c> (the reader's own votes) and <c>GET /votes/tally</c> (live tallies, public). The voter cookie is set only here, with <c>Path=/votes</c>, so public pages
/// never set or receive it and stay cacheable. No antiforgery token (pages carry no per-user token):
/// cross-site posts are refused by <c>Sec-Fetch-Site</c> and <c>Origin</c> instead.
/// </summary>
public static class VoteEndpoints
{
    public const string CookieName = "aic_voter";

    /// <summary>The most tools one <c>/votes/tally</c> or <c>/votes/mine</c> request answers for.</summary>
    public const int MaxTallySlugs = 50;

    public static IServiceCollection AddVotes(this IServiceCollection services)
    {
        services.AddSingleton<VoteRepository>();
        services.AddSingleton<VoteWriter>();
        services.AddSingleton<TallyBoard>();
        services.AddHostedService(sp => sp.GetRequiredService<VoteWriter>());
        services.AddSingleton<IValidateOptions<SecurityOptions>, AddressHashKeyValidation>();
        services.AddSingleton(sp =>
        {
            var (key, problem) = AddressHashKey.Resolve(sp.GetRequiredService<IOptions<SecurityOptions>>().Value, AddressHashKey.DatabasePath(sp.GetRequiredService<IConfiguration>()), AddressHashKey.SharedDatabase(sp.GetRequiredService<IConfiguration>()));
            return new AddressHasher(key ?? throw new InvalidOperationException(problem));
        });
        return services;
    }

    public static void MapVotes(this WebApplication app)
    {
        app.MapPost("/votes/{slug}", VoteAsync).RequireRateLimiting(RateLimits.Votes).DisableAntiforgery();
        app.MapGet("/votes/mine", MineAsync);
        app.MapGet("/votes/tally", TallyAsync);
    }

    private static async Task<IResult> VoteAsync(string slug, HttpContext context, VoteWriter votes, AddressHasher addresses, IOptions<VotesOptions> options)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (!SameOrigin.IsSameOrigin(context.Request)) return Refuse(context, StatusCodes.Status403Forbidden, "Cross-site votes are not accepted.");
        if (!context.Request.HasFormContentType) return Refuse(context, StatusCodes.Status400BadRequest, "Send the vote as a form.");
        var form = await context.Request.ReadFormAsync();
        if (!ContentRules.TryVerdict(form["verdict"], out var verdict))
            return Refuse(context, StatusCodes.Status400BadRequest, "A vote is 'ship' or 'skip'.");
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
            // Returns once the vote's transaction has committed and the tally board has taken the new tally.
            result = await votes.SubmitAsync(new VoteRequest(slug, voter!, address, verdict, cap));
        }
        catch (VoteNotRecordedException)
        {
            context.Response.Headers.RetryAfter = "5";
            return Refuse(context, StatusCodes.Status503ServiceUnavailable, "Your vote could not be saved just now. Please try again in a moment.");
        }
        var (outcome, tally) = (result.Outcome, result.Tally);
        if (outcome == VoteOutcome.UnknownTool) return Results.NotFound();
        if (outcome == VoteOutcome.AddressCapReached)
            return Refuse(context, StatusCodes.Status429TooManyRequests, "Enough votes on this tool have come from your network already.");

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
        if (ProblemResponses.AcceptsJson(context.Request))
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
        // Back where the vote was cast, marked so that page (rendered fresh, never cached) says the vote counted.
        return new SeeOther(VoteNotice.Mark(LocalUrl.OrDefault(form["return"].ToString(), "/tools/" + slug), slug, verdict));
    }

    private static async Task<IResult> MineAsync(HttpContext context, VoteRepository votes)
    {
        context.Response.Headers.CacheControl = "private, no-store";
        var voter = context.Request.Cookies[CookieName];
        var slugs = context.Request.Query["slug"].Where(s => Slug.IsValid(s)).Select(s => s!).Distinct(StringComparer.Ordinal).Take(MaxTallySlugs).ToList();
        if (!IsVoterId(voter) || slugs.Count == 0) return Results.Json(new Dictionary<string, string>());
        return Results.Json(await votes.MineAsync(voter!, slugs));
    }

    /// <summary>
    /// The live tallies of up to <see cref="MaxTallySlugs"/> tools, from the board (never a query per tool),
    /// for the page script to refresh what a cached page shows. The same for every reader, so public for a second.
    /// </summary>
    private static async Task<IResult> TallyAsync(HttpContext context, TallyBoard board)
    {
        context.Response.Headers.CacheControl = "public, max-age=1";
        var slugs = context.Request.Query["slug"].Where(s => Slug.IsValid(s)).Select(s => s!).Distinct(StringComparer.Ordinal).Take(MaxTallySlugs).ToList();
        var tallies = await board.GetAsync(slugs);
        var answer = new Dictionary<string, object>(tallies.Count, StringComparer.Ordinal);
        foreach (var slug in slugs)
        {
            if (tallies.TryGetValue(slug, out var t))
                answer[slug] = new { ships = t.Ships, skips = t.Skips, votes = t.Votes, hero = t.HeroText, decision = t.DecisionText };
        }
        return Results.Json(answer);
    }

    /// <summary>Problem details for the page script's fetch (it shows the detail), plain text for a form post.</summary>
    private static IResult Refuse(HttpContext context, int status, string detail) =>
        ProblemResponses.AcceptsJson(context.Request) ? ProblemResponses.Problem(status, detail) : Results.Text(detail, "text/plain", statusCode: status);

    private static string NewVoterId() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    private static bool IsVoterId(string? value) =>
        value is { Length: 22 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
