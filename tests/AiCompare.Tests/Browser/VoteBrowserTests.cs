using AiCompare.Tests.Support;
using Microsoft.Playwright;

namespace AiCompare.Tests.Browser;

/// <summary>Voting with JavaScript: sent with fetch, tallies updated in place, the reader's vote highlighted.</summary>
public sealed class VoteBrowserTests(BrowserSite site) : IClassFixture<BrowserSite>
{
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

        Assert.EndsWith("/tools/smolvlm2-2b", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("[data-community-decision='smolvlm2-2b']")).ToHaveTextAsync("Skip · 0% of 1 vote");
    }
}
