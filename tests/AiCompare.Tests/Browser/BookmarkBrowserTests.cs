using AiCompare.Tests.Support;
using Microsoft.Playwright;

namespace AiCompare.Tests.Browser;

/// <summary>Bookmarks kept in the browser: add, list, remove, compare two; hidden without JavaScript.</summary>
public sealed class BookmarkBrowserTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [BrowserFact]
    public async Task Bookmarks_AddFromPagesListRemoveAndCompare()
    {
        Assert.NotNull(BrowserSite.ChromiumPath);
        var page = await site.NewPageAsync();
        await page.GotoAsync("/bookmarks");
        await Assertions.Expect(page.Locator("[data-bookmarks-page] [data-bookmarks-status]")).ToHaveTextAsync("No bookmarks yet. Bookmark tools to save them for later.");
        await Assertions.Expect(page.Locator("[data-bookmarks-compare]")).ToBeHiddenAsync();

        await page.GotoAsync("/tools/smolvlm2");
        var toggle = page.Locator(".page-head button[data-bookmark='smolvlm2']");
        await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.Locator("[data-test=bookmarks-panel] [data-bookmarks-list] a")).ToHaveTextAsync("SmolVLM2");

        await page.GotoAsync("/compare/mercury-edit-2-vs-mistral-code");
        await page.Locator("[data-test=hero] button[data-bookmark='mercury-edit-2']").ClickAsync();

        await page.GotoAsync("/bookmarks");
        var items = page.Locator("[data-bookmarks-page] [data-bookmarks-list] li");
        await Assertions.Expect(items).ToHaveCountAsync(2);
        await Assertions.Expect(items.Nth(0)).ToContainTextAsync("SmolVLM2 · Ship");
        await Assertions.Expect(page.Locator("[data-bookmarks-compare]")).ToBeVisibleAsync();

        await page.Locator("[data-bookmarks-compare] button[type=submit]").ClickAsync();
        // In the order of the list, as picked: the first bookmark is the first tool.
        await page.ArrivesAtAsync("**/compare/smolvlm2-vs-mercury-edit-2");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("SmolVLM2 vs Mercury Edit 2");

        await page.GotoAsync("/bookmarks");
        await page.Locator("[data-bookmarks-page] button[aria-label='Remove SmolVLM2 from bookmarks']").ClickAsync();
        await Assertions.Expect(items).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-bookmarks-compare]")).ToBeHiddenAsync();
    }

    [BrowserFact]
    public async Task Bookmarks_CorruptStorage_IsIgnoredNotFatal()
    {
        Assert.NotNull(BrowserSite.ChromiumPath);
        var page = await site.NewPageAsync();
        await page.GotoAsync("/bookmarks");
        await page.EvaluateAsync("() => localStorage.setItem('aic:bookmarks', '{not json')");

        await page.ReloadAsync();

        await Assertions.Expect(page.Locator("[data-bookmarks-page] [data-bookmarks-status]")).ToHaveTextAsync("No bookmarks yet. Bookmark tools to save them for later.");
    }

    [BrowserFact]
    public async Task WithoutJavaScript_TogglesHiddenAndPageSaysBookmarksNeedIt()
    {
        Assert.NotNull(BrowserSite.ChromiumPath);
        var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = site.BaseUrl, JavaScriptEnabled = false });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/tools/smolvlm2");
        await Assertions.Expect(page.Locator("button[data-bookmark]").First).ToBeHiddenAsync();
        await page.GotoAsync("/bookmarks");

        await Assertions.Expect(page.Locator("[data-bookmarks-page] .no-js")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-bookmarks-page] [data-bookmarks-status]")).ToBeHiddenAsync();
    }
}
