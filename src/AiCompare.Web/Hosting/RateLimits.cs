using System.Globalization;
using System.Threading.RateLimiting;
using AiCompare.Web.Pages.Admin.Accounts;
using AiCompare.Web.Pages.Newsletter;
using AiCompare.Web.Pages.Votes;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace AiCompare.Web.Hosting;

/// <summary>
/// The site's rate limits, named policies of ASP.NET Core's rate limiter: a fixed one-minute window per
/// client address, no queue, limits from the Options classes. Endpoints opt in with
/// <c>RequireRateLimiting</c> or <c>[EnableRateLimiting]</c>; the limiter runs for requests other than
/// GET only (<see cref="RequestPipeline"/>). A rejection answers 429 with <c>Retry-After</c> and logs
/// the policy's name.
/// </summary>
public static class RateLimits
{
    /// <summary>Vote POSTs (<c>Votes:PerMinutePerAddress</c>).</summary>
    public const string Votes = "votes";

    /// <summary>Newsletter signups (<c>Newsletter:SignupsPerMinutePerAddress</c>).</summary>
    public const string Newsletter = "newsletter";

    /// <summary>Admin sign-in attempts (<c>Admin:LoginAttemptsPerMinute</c>); reading the form is not limited.</summary>
    public const string Login = "login";

    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = OnRejectedAsync;
        });
        // The limits are read once, when the limiter's options are made, never per request.
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<VotesOptions>, IOptions<NewsletterOptions>, IOptions<AdminOptions>>(
            (o, votes, newsletter, admin) =>
            {
                o.AddPolicy(Votes, PerAddressPerMinute(votes.Value.PerMinutePerAddress));
                o.AddPolicy(Newsletter, PerAddressPerMinute(newsletter.Value.SignupsPerMinutePerAddress));
                var login = PerAddressPerMinute(admin.Value.LoginAttemptsPerMinute);
                o.AddPolicy(Login, context => HttpMethods.IsPost(context.Request.Method) ? login(context) : RateLimitPartition.GetNoLimiter("read"));
            });
        return services;
    }

    private static Func<HttpContext, RateLimitPartition<string>> PerAddressPerMinute(int limit)
    {
        var window = new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 };
        return context => RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(context), _ => window);
    }

    private static ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var policy = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? "unnamed";
        var address = http.RequestServices.GetRequiredService<LogHasher>().Of(ClientAddress.Of(http));
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("AiCompare.Security")
            .LogWarning("Security: {RateLimitPolicy} rate limit hit from address {AddressHash}", policy, address);
        return ValueTask.CompletedTask;
    }
}
