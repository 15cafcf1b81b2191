using System.Net;
using AiCompare.Tests.Support;
using AiCompare.Web.Hosting;

namespace AiCompare.Tests.Web.Hosting;

/// <summary>
/// Each rate limit's rejection is logged with that limit's own name (the policy names are
/// <see cref="RateLimits"/>' constants), and answers 429 with Retry-After. Each test runs its site with a
/// limit of one request a minute.
/// </summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Votes_Rejection_IsLoggedAsTheVotesLimit()
    {
        using var site = SiteFactory.WithSettings(new Dictionary<string, string> { ["Votes:PerMinutePerAddress"] = "1" });
        var client = site.Client();

        var statuses = new List<HttpStatusCode>();
        foreach (var verdict in new[] { "ship", "skip" })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/votes/smolvlm2") { Content = new FormUrlEncodedContent([new("verdict", verdict)]) };
            request.Headers.Add("Sec-Fetch-Site", "same-origin");
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
            AssertRetryAfterWhenLimited(response);
        }

        Assert.Equal([HttpStatusCode.SeeOther, HttpStatusCode.TooManyRequests], statuses);
        AssertLoggedAs(site, RateLimits.Votes);
    }

    [Fact]
    public async Task NewsletterSignup_Rejection_IsLoggedAsTheNewsletterLimit()
    {
        using var site = SiteFactory.WithSettings(new Dictionary<string, string> { ["Newsletter:SignupsPerMinutePerAddress"] = "1" });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++)
        {
            using var response = await site.Client().SubmitAsync("/", "form[data-test=signup-form]", new Dictionary<string, string?>
            {
                ["email"] = $"r{i}@example.com",
                ["t"] = "1",
            });
            statuses.Add(response.StatusCode);
            AssertRetryAfterWhenLimited(response);
        }

        Assert.Equal([HttpStatusCode.SeeOther, HttpStatusCode.TooManyRequests], statuses);
        AssertLoggedAs(site, RateLimits.Newsletter);
    }

    [Fact]
    public async Task AdminLogin_Rejection_IsLoggedAsTheLoginLimit()
    {
        using var site = SiteFactory.WithSettings(new Dictionary<string, string> { ["Admin:LoginAttemptsPerMinute"] = "1" });
        var client = site.Client();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++)
        {
            using var response = await client.SubmitAsync("/admin/login", "form[data-test=login-form]", new Dictionary<string, string?>
            {
                ["Email"] = "someone@example.com",
                ["Password"] = "wrong password " + i,
            });
            statuses.Add(response.StatusCode);
            AssertRetryAfterWhenLimited(response);
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], statuses);
        AssertLoggedAs(site, RateLimits.Login);
    }

    private static void AssertRetryAfterWhenLimited(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.TooManyRequests) return;
        Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    private static void AssertLoggedAs(SiteFactory site, string policy)
    {
        var hits = site.Logs.Where(l => l.Contains("rate limit hit", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(hits);
        Assert.Contains($"Security: {policy} rate limit hit", line, StringComparison.Ordinal);
        Assert.StartsWith("Warning ", line, StringComparison.Ordinal);
    }
}
