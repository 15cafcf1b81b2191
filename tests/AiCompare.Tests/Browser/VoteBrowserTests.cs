using AiCompare.Tests.Support;
using Microsoft.Playwright;

namespace AiCompare.Tests.Browser;

/// <summary>
/// Voting with JavaScript: sent with fetch, tallies updated in place, the reader's vote highlighted; a
/// cached page takes the live tallies from <c>/votes/tally</c>. Without JavaScript: back to the page, with a notice.
/// </summary>
public sealed class VoteBrowserTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    /// <summary>Another client's vote, cast over HTTP as the page's script casts it (JSON answer).</summary>
    private async Task VoteOverHttpAsync(string slug, string verdict)
    {
        using var http = new HttpClient { BaseAddress = new Uri(site.BaseUrl) };
        using var vote = new HttpRequestMessage(HttpMethod.Post, "/votes/" + slug) { Content = new FormUrlEncodedContent([new("verdict", verdict)]) };
        vote.Headers.Accept.ParseAdd("application/json");
        using var voted = await http.SendAsync(vote);
        Assert.Equal(System.Net.HttpStatusCode.OK, voted.StatusCode);
    }

    [BrowserFact]
    public async Task ToolPage_VoteWithJavaScript_UpdatesTallyInPlaceAndHighlightsMyVote()
    {
        Assert.NotNull(BrowserSite.ChromiumPath);
        var page = await site.NewPageAsync();
        await page.GotoAsync("/tools/mistral-4b-edge");
        var tally = page.Locator("[data-community-decision='mistral-4b-edge']");
        Assert.Equal("No community votes yet", (await tally.TextContentAsync())?.Trim());
        var navigations = 0;
        page.FrameNavigated += (_, frame) => { if (frame == page.MainFrame) navigations++; };

        await page.Locator("form[data-vote='mistral-4b-edge'] button[value=ship]").ClickAsync();

        await Assertions.Expect(tally).ToHaveTextAsync("Ship · 100% of 1 vote");
        await Assertions.Expect(page.Locator("form[data-vote='mistral-4b-edge'] button[value=ship]")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.Locator("[data-vote-status]")).ToHaveTextAsync("Vote counted.");
        Assert.Equal(0, navigations);

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("form[data-vote='mistral-4b-edge'] button[value=ship]")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.Locator("form[data-vote='mistral-4b-edge'] button[value=skip]")).ToHaveAttributeAsync("aria-pressed", "false");
    }

    [BrowserFact]
    public async Task ComparePage_ChangingMyVote_UpdatesHeroAndTableWithoutAddingAVote()
    {
        Assert.NotNull(BrowserSite.ChromiumPath);
        var page = await site.NewPageAsync();
        await page.GotoAsync("/compare/mercury-edit-2-vs-mistral-code");
        var form = page.Locator("form[data-vote='mercury-edit-2']");

        await form.Locator("button[value=skip]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-community-decision='mercury-edit-2']")).ToHaveTextAsync("Skip · 0% of 1 vote");
        await form.Locator("button[value=ship]").ClickAsync();

        await Assertions.Expect(page.Locator("[data-community-decision='mercury-edit-2']")).ToHaveTextAsync("Ship · 100% of 1 vote");
        await Assertions.Expect(page.Locator("[data-community-hero='mercury-edit-2']")).ToHaveTextAsync("100%");
        await Assertions.Expect(page.Locator("[data-community-hero='mistral-code']")).ToHaveTextAsync("—");
    }

    [BrowserFact]
    public async Task WithoutJavaScript_TheFormStillVotesAndComesBack()
    {
        Assert.NotNull(BrowserSite.ChromiumPath);
        var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = site.BaseUrl, JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/tools/smolvlm2-2b");

        await page.Locator("form[data-vote='smolvlm2-2b'] button[value=skip]").ClickAsync();

        Assert.EndsWith("/tools/smolvlm2-2b?voted=smolvlm2-2b&verdict=skip", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("[data-community-decision='smolvlm2-2b']")).ToHaveTextAsync("Skip · 0% of 1 vote");
        await Assertions.Expect(page.Locator("[role=status][data-test=vote-notice]")).ToHaveTextAsync("Your skip vote on SmolVLM2-2B is counted.");
    }

    [BrowserFact]
    public async Task CachedPage_ShowsAVoteCastElsewhereAfterItWasCached_FromTheLiveTally()
    {
        Assert.NotNull(BrowserSite.ChromiumPath);
        const string Pair = "/compare/mistral-medium-3-vs-smolvlm2";
        var first = await site.NewPageAsync();
        await first.GotoAsync(Pair); // rendered and cached, before the vote
        await Assertions.Expect(first.Locator("[data-community-decision='smolvlm2']")).ToHaveTextAsync("No community votes yet");

        // Another client votes over HTTP.
        await VoteOverHttpAsync("smolvlm2", "ship");

        var page = await site.NewPageAsync();
        var tallyAsked = page.WaitForResponseAsync(r => r.Url.Contains("/votes/tally?", StringComparison.Ordinal));
        var response = await page.GotoAsync(Pair);

        // The page came from the cache with the tally it was rendered with; the script put in the live one.
        Assert.True(response!.Headers.ContainsKey("age"), "the page should be a cache hit");
        Assert.Contains("No community votes yet", await response.TextAsync(), StringComparison.Ordinal);
        Assert.Contains("slug=smolvlm2", (await tallyAsked).Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("[data-community-decision='smolvlm2']")).ToHaveTextAsync("Ship · 100% of 1 vote");
        await Assertions.Expect(page.Locator("[data-community-hero='smolvlm2']")).ToHaveTextAsync("100%");
        await Assertions.Expect(page.Locator("[data-community-decision='mistral-medium-3']")).ToHaveTextAsync("No community votes yet");
    }

    [BrowserFact]
    public async Task CategoryPage_RowsTakeTheLiveTally()
    {
        Assert.NotNull(BrowserSite.ChromiumPath);
        const string Category = "/categories/developer-tools";
        var first = await site.NewPageAsync();
        await first.GotoAsync(Category); // cached before the vote

        await VoteOverHttpAsync("mistral-code", "skip");

        var page = await site.NewPageAsync();
        var response = await page.GotoAsync(Category);

        Assert.True(response!.Headers.ContainsKey("age"), "the page should be a cache hit");
        await Assertions.Expect(page.Locator("[data-community-row='mistral-code']")).ToHaveTextAsync("Skip · 0% of 1 vote");
    }
}
