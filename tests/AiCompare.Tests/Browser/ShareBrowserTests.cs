using AiCompare.Tests.Support;
using Microsoft.Playwright;

namespace AiCompare.Tests.Browser;

public sealed class ShareBrowserTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [BrowserFact]
    public async Task CopyButton_PutsTheVerdictTextAndLinkOnTheClipboard()
    {
        Assert.NotNull(BrowserSite.ChromiumPath);
        var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = site.BaseUrl });
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/tools/smolvlm2-2b");

        await page.Locator("[data-test=copy]").ClickAsync();

        await Assertions.Expect(page.Locator("[data-test=copy]")).ToHaveTextAsync("Copied");
        var clipboard = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.Equal($"SmolVLM2-2B verdict: SHIP · 4 ships · 0 skips from the panel {site.BaseUrl}/tools/smolvlm2-2b", clipboard);
    }
}
