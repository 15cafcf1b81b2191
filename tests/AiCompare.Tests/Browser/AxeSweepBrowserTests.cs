using AiCompare.Tests.Support;
using Deque.AxeCore.Playwright;

namespace AiCompare.Tests.Browser;

/// <summary>
/// axe-core finds no serious or critical accessibility violation on any public page, on a phone and on
/// a desktop. One browser page visits each route once, after site.js has run (it fills the bookmarks
/// panel and the vote buttons), and is checked at each width.
/// </summary>
public sealed class AxeSweepBrowserTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [BrowserFact]
    public async Task PublicRoutes_HaveNoSeriousOrCriticalAxeViolations_At360And1280()
    {
        Assert.NotNull(BrowserSite.ChromiumPath);
        var page = await site.NewPageAsync();
        var failures = new List<string>();
        var checkedPages = 0;
        var skipped = new List<string>();
        foreach (var url in SweepRoutes.Public())
        {
            await page.SetViewportSizeAsync(1280, 800);
            var response = await page.GotoAsync(url);
            Assert.NotNull(response);
            if (!(await response.HeaderValueAsync("content-type") ?? "").StartsWith("text/html", StringComparison.Ordinal))
            {
                skipped.Add(url);
                continue;
            }
            foreach (var width in new[] { 1280, 360 })
            {
                await page.SetViewportSizeAsync(width, 800);
                checkedPages++;
                var axe = await page.RunAxe();
                failures.AddRange(axe.Violations
                    .Where(v => v.Impact is "serious" or "critical")
                    .Select(v => $"{url} at {width} px: {v.Id} ({v.Impact}): {v.Help}: " +
                        string.Join(" | ", v.Nodes.Take(3).Select(n => n.Target.ToString()))));
            }
        }

        Assert.True(checkedPages >= 40, $"only {checkedPages} HTML pages checked; not HTML: {string.Join(", ", skipped)}");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
