using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using System.Threading.RateLimiting;
using AiCompare.Data;
using AiCompare.Domain;

namespace AiCompare.Web;

/// <summary>
/// Community ship/skip votes: <c>POST /votes/{slug}</c> (a form, or <c>fetch</c> asking for JSON) and
/// <c>GET /votes/mine</c>. The voter cookie is set only here, with <c>Path=/votes</c>, so public pages
/// never set or receive it and stay cacheable. No antiforgery token (pages carry no per-user token):
/// cross-site posts are refused by <c>Sec-Fetch-Site</c> and <c>Origin</c> instead.
/// </summary>
public static class Votes
{
    public const string CookieName = "aic_voter";
    public const string RateLimit = "votes";

    public static IServiceCollection AddVotes(this IServiceCollection services)
    {
        services.AddSingleton<VoteRepository>();
        services.AddSingleton<VoteWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<VoteWriter>());
        services.AddSingleton(sp => new AddressHasher(sp.GetRequiredService<SiteSecrets>().Get("address-hash-key")));
        services.Configure<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>(o => o.AddPolicy(RateLimit, context =>
        {
            var limit = context.RequestServices.GetRequiredService<IConfiguration>().GetValue("Votes:PerMinutePerAddress", 30);
            return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
        }));
        return services;
    }

    public static void MapVotes(this WebApplication app)
    {
        app.MapPost("/votes/{slug}", VoteAsync).RequireRateLimiting(RateLimit).DisableAntiforgery();
        app.MapGet("/votes/mine", MineAsync);
    }

    private static async Task<IResult> VoteAsync(string slug, HttpContext context, VoteWriter votes, AddressHasher addresses, IConfiguration configuration)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (!IsSameOrigin(context.Request)) return Results.Text("Cross-site votes are not accepted.", "text/plain", statusCode: StatusCodes.Status403Forbidden);
        if (!context.Request.HasFormContentType) return Results.Text("Send the vote as a form.", "text/plain", statusCode: StatusCodes.Status400BadRequest);
        var form = await context.Request.ReadFormAsync();
        if (!ContentRules.TryVerdict(form["verdict"], out var verdict))
            return Results.Text("A vote is 'ship' or 'skip'.", "text/plain", statusCode: StatusCodes.Status400BadRequest);
        slug = slug.ToLowerInvariant();
        if (!Slug.IsValid(slug)) return Results.NotFound();

        var voter = context.Request.Cookies[CookieName];
        var newVoter = !IsVoterId(voter);
        if (newVoter) voter = NewVoterId();
        var cap = configuration.GetValue("Votes:PerAddressCap", 5);
        var address = addresses.Of(context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
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
                yours = verdict == ReviewVerdict.Ship ? "ship" : "skip",
            });
        }
        var back = form["return"].ToString();
        return new SeeOther(IsLocalPath(back) ? back : "/tools/" + slug);
    }

    private static async Task<IResult> MineAsync(HttpContext context, VoteRepository votes)
    {
        context.Response.Headers.CacheControl = "private, no-store";
        var voter = context.Request.Cookies[CookieName];
        var slugs = context.Request.Query["slug"].Where(s => Slug.IsValid(s)).Select(s => s!).Distinct(StringComparer.Ordinal).Take(50).ToList();
        if (!IsVoterId(voter) || slugs.Count == 0) return Results.Json(new Dictionary<string, string>());
        return Results.Json(await votes.MineAsync(voter!, slugs));
    }

    /// <summary>Accepts same-origin requests and those from clients that send neither header.</summary>
    public static bool IsSameOrigin(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && !site.Equals("same-origin", StringComparison.OrdinalIgnoreCase)) return false;
        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0 || origin.Equals($"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }

    private static bool WantsJson(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);

    private static bool IsLocalPath(string path) =>
        path.Length > 0 && path[0] == '/' && (path.Length == 1 || (path[1] != '/' && path[1] != '\\')) && !path.Contains("://", StringComparison.Ordinal);

    private static string NewVoterId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool IsVoterId(string? value) =>
        value is { Length: 22 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}

/// <summary>A keyed hash of a client address: enough to count, never enough to recover the address.</summary>
public sealed class AddressHasher(byte[] key)
{
    public string Of(string address) =>
        Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(address)))[..32].ToLower(CultureInfo.InvariantCulture);
}

/// <summary>A vote that was not stored (the database failed, or the site is stopping); the reader may try again.</summary>
public sealed class VoteNotRecordedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Writes votes behind a short queue: whatever has queued while the previous batch was committing goes
/// into the next transaction, so one disk flush serves many votes (group commit) and nothing waits
/// for a timer. Each vote is acknowledged only after the transaction holding it has committed and the
/// cached pages showing its tally have been evicted; a failed batch fails every vote in it.
/// </summary>
public sealed class VoteWriter(VoteRepository votes, CacheEvictor cache, ILogger<VoteWriter> logger) : BackgroundService
{
    public const int MaxBatch = 256;

    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(10_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>Queues a vote and waits until it is durable (or has failed).</summary>
    public async Task<VoteResult> SubmitAsync(VoteRequest vote)
    {
        var pending = new Pending(vote, new TaskCompletionSource<VoteResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            await _queue.Writer.WriteAsync(pending);
        }
        catch (ChannelClosedException e)
        {
            throw new VoteNotRecordedException("The site is stopping.", e);
        }
        return await pending.Done.Task;
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        // Finish what is queued, then stop: no vote accepted into the queue is dropped.
        _queue.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _queue.Reader;
        var batch = new List<Pending>(MaxBatch);
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var next)) batch.Add(next);
            if (batch.Count == 0) continue;
            IReadOnlyList<VoteResult> results;
            try
            {
                results = votes.RecordBatch(batch.ConvertAll(p => p.Vote));
            }
            catch (Exception e)
            {
                // Whatever failed, the batch fails and the writer goes on: a fault that escaped this loop
                // would stop it, and every vote after would wait for an answer that never comes.
                logger.LogError(e, "{Count} vote(s) not recorded", batch.Count);
                foreach (var p in batch) p.Done.TrySetException(new VoteNotRecordedException("The vote was not recorded.", e));
                continue;
            }
            var changed = new List<(string, string)>();
            for (var i = 0; i < batch.Count; i++)
            {
                if (results[i].Changed) changed.Add((batch[i].Vote.ToolSlug, results[i].CategorySlug!));
            }
            if (changed.Count > 0)
            {
                try
                {
                    await cache.VotedAsync(changed);
                }
                catch (Exception e)
                {
                    // The votes are stored: answer them. Only the pages showing those tools stay as they
                    // were until their entries expire.
                    logger.LogError(e, "Pages of {Count} voted tool(s) not evicted; they refresh within the cache lifetime", changed.Count);
                }
            }
            for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(results[i]);
        }
    }

    private sealed record Pending(VoteRequest Vote, TaskCompletionSource<VoteResult> Done);
}
