using AiCompare.Tests.Support;
using Microsoft.Playwright;

namespace AiCompare.Tests.Browser;

/// <summary>
/// Issue 18, finding 10: a refused vote reads as a sentence (the problem details' detail), not as the raw
/// HTML or JSON the server sent.
/// </summary>
public sealed class VoteRefusalBrowserTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [BrowserFact]
    public async Task VoteRateLimited_ShowsAReadableMessage()
    {
        Assert.NotNull(BrowserSite.ChromiumPath);
        var page = await site.NewPageAsync();
        await page.GotoAsync("/tools/mistral-code");
        // Use up this address's votes per minute (the browser votes from the same loopback address).
        using var client = new HttpClient { BaseAddress = new Uri(site.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        var limited = false;
        for (var i = 0; i < 200 && !limited; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/votes/mistral-code") { Content = new FormUrlEncodedContent([new("verdict", "ship")]) };
            request.Headers.Add("Sec-Fetch-Site", "same-origin");
            request.Headers.Add("Origin", site.BaseUrl);
            using var response = await client.SendAsync(request);
            limited = response.Headers.RetryAfter is not null; // the rate limiter's 429, not the per-tool cap's
        }
        Assert.True(limited, "the vote rate limit was never reached");

        await page.Locator("form[data-vote='mistral-code'] button[value=skip]").ClickAsync();

        var status = page.Locator("form[data-vote='mistral-code'] [data-vote-status]");
        await Assertions.Expect(status).ToHaveTextAsync("Too many requests from your network just now. Please try again in a minute.");
        var text = await status.TextContentAsync() ?? "";
        Assert.DoesNotContain("<", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{", text, StringComparison.Ordinal);
    }
}
