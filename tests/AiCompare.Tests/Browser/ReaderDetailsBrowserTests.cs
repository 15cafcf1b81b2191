using System.Text.RegularExpressions;
using AiCompare.Tests.Support;
using Microsoft.Playwright;

namespace AiCompare.Tests.Browser;

/// <summary>
/// Issue 21's smaller points as a reader meets them in chromium: search that forgives a typo and shows
/// plain-text snippets, the favicon (no failed request on a first visit), one bookmarks list on
/// /bookmarks, and 404 pages without the signup and bookmarks blocks.
/// </summary>
public sealed class ReaderDetailsBrowserTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [BrowserFact]
    public async Task Search_ATypo_OffersTheClosestName_AndTheLinkLeadsToTheTool()
    {
        Assert.NotNull(BrowserSite.ChromiumPath);
        var page = await site.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator("#header-q").FillAsync("mistrl");
        await page.Locator("#header-q").PressAsync("Enter");

        var didYouMean = page.Locator("[data-test=did-you-mean]");
        await Assertions.Expect(didYouMean).ToContainTextAsync("Did you mean");
        await didYouMean.GetByRole(AriaRole.Link, new() { Name = "Mistral Code" }).ClickAsync();
        await page.ArrivesAtAsync("**/tools/mistral-code");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Mistral Code");
    }

    [BrowserFact]
    public async Task Search_Results_ShowPlainTextSnippets_AndACountWithSingleSpaces()
    {
        Assert.NotNull(BrowserSite.ChromiumPath);
        var page = await site.NewPageAsync();
        await page.GotoAsync("/search?q=vision");

        var count = await page.Locator("[data-test=search-count]").InnerTextAsync();
        Assert.Matches(new Regex(@"^\d+ tools? for "), count);
        Assert.DoesNotContain("  ", count);
        var snippets = await page.Locator(".search-results .snippet").AllInnerTextsAsync();
        Assert.NotEmpty(snippets);
        foreach (var snippet in snippets)
        {
            Assert.DoesNotContain("**", snippet);
            Assert.DoesNotMatch(new Regex(@"(^|\s)- \S"), snippet);
        }
        // The highlight is a real element, not encoded text.
        Assert.True(await page.Locator(".search-results .snippet mark").CountAsync() > 0);
    }

    [BrowserFact]
    public async Task FirstVisit_NoRequestFails_TheFaviconIsServed()
    {
        Assert.NotNull(BrowserSite.ChromiumPath);
        var page = await site.NewPageAsync();
        var failed = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Status >= 400) failed.Add($"{response.Status} {response.Url}");
        };
        await page.GotoAsync("/compare/smolvlm2-2b-vs-mistral-medium-3");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Empty(failed);
        var icon = await page.Locator("link[rel=icon]").GetAttributeAsync("href");
        var answer = await page.APIRequest.GetAsync(icon!);
        Assert.Equal(200, answer.Status);
        Assert.StartsWith("image/svg+xml", answer.Headers["content-type"]);
    }

    [BrowserFact]
    public async Task BookmarksPage_ListsABookmarkOnce()
    {
        Assert.NotNull(BrowserSite.ChromiumPath);
        var page = await site.NewPageAsync();
        await page.GotoAsync("/tools/smolvlm2");
        await page.Locator(".page-head button[data-bookmark='smolvlm2']").ClickAsync();

        await page.GotoAsync("/bookmarks");

        await Assertions.Expect(page.Locator("[data-bookmarks-page] [data-bookmarks-list] li")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "SmolVLM2", Exact = true })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-test=bookmarks-panel]")).ToHaveCountAsync(0);
    }

    [BrowserFact]
    public async Task NotFoundPage_ShowsTheErrorAlone()
    {
        Assert.NotNull(BrowserSite.ChromiumPath);
        var page = await site.NewPageAsync();
        var response = await page.GotoAsync("/tools/no-such-tool");

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.Locator("[data-test=signup]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-test=bookmarks-panel]")).ToHaveCountAsync(0);
    }
}
