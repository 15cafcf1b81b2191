using AiCompare.Tests.Support;
using AngleSharp.Dom;

namespace AiCompare.Tests.Web.Pages;

/// <summary>
/// Keyset pages stay put while the catalog grows: walking a category's ranking while tools are added
/// before and inside the part not yet read neither skips nor repeats a tool that was there at the start,
/// and an old page address still starts at the same tool.
/// </summary>
public sealed class ListStabilityTests : IDisposable
{
    private readonly GeneratedCatalogSite _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task CategoryWalk_WhileToolsAreAdded_NeitherSkipsNorRepeats()
    {
        var client = _site.Client();
        var category = _site.LargestCategory();
        var original = new List<string>();
        string? url = $"/categories/{category}";
        while (url is not null)
        {
            var doc = await client.GetDocumentAsync(url);
            original.AddRange(Tools(doc));
            url = doc.QuerySelector("link[rel=next]")?.GetAttribute("href");
        }
        Assert.True(original.Count > 50, "the category fits one page: the catalog is too small for this test");

        var first = await client.GetDocumentAsync($"/categories/{category}");
        var pageTwo = first.One("link[rel=next]").GetAttribute("href")!;
        var pageTwoFirst = Tools(await client.GetDocumentAsync(pageTwo)).First();

        var seen = new List<string>();
        url = $"/categories/{category}";
        var added = 0;
        while (url is not null)
        {
            var doc = await client.GetDocumentAsync(url);
            seen.AddRange(Tools(doc));
            url = doc.QuerySelector("link[rel=next]")?.GetAttribute("href");
            // Between requests: one tool that ranks first (before every cursor), one that ranks in the middle
            // (inside the part still to come, or just read), one that ranks last.
            _site.AddTool(category, $"added-top-{added}", "ship", 100);
            _site.AddTool(category, $"added-middle-{added}", "ship", 60);
            _site.AddTool(category, $"added-bottom-{added}", "skip", 0);
            added++;
        }

        var walkedOriginal = seen.Where(original.Contains).ToList();
        Assert.Equal(original, walkedOriginal);                        // none skipped, none repeated, same order
        Assert.Equal(seen.Count, seen.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(seen, s => s.StartsWith("/tools/added-bottom-", StringComparison.Ordinal));
        Assert.Equal(pageTwoFirst, Tools(await client.GetDocumentAsync(pageTwo)).First());
    }

    private static IEnumerable<string> Tools(IDocument doc) =>
        doc.QuerySelectorAll("[data-test=ranked-tool] th a").Select(a => a.GetAttribute("href")!);
}
