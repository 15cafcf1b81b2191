using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using AiCompare.Data;
using AiCompare.Tests.Support;

namespace AiCompare.Tests.Web.Pages.Admin;

/// <summary>
/// An editor's catalog, with a renamed tool, a scheduled draft and a plain draft, exported from one site and
/// seeded into a fresh one: the same pages, the same redirects, the same drafts and schedule.
/// </summary>
public sealed partial class ExportImportPagesTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static Dictionary<string, string?> Tool(string name, string slug) => new()
    {
        ["Form.Name"] = name,
        ["Form.Slug"] = slug,
        ["Form.Tagline"] = name + " travels well",
        ["Form.Category"] = "Developer Tools",
        ["Form.Reviewed"] = "2026-11-30",
        ["Form.Entry"] = "freemium",
        ["Form.PricingSummary"] = "Free tier, then $9/month",
        ["Form.Description"] = name + " is **exported** and imported.",
    };

    private static async Task<long> AddAsync(HttpClient client, string name, string slug)
    {
        using var created = await client.SubmitAsync("/admin/tools/edit", "form[data-test=tool-form]", Tool(name, slug));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return long.Parse(created.Headers.Location!.OriginalString["/admin/tools/edit/".Length..].Split('?')[0], CultureInfo.InvariantCulture);
    }

    /// <summary>A page's HTML without what differs between any two renders (the signup form's render time).</summary>
    private static async Task<(HttpStatusCode Status, string? Location, string Body)> PageAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.Headers.Location?.OriginalString, RenderTime().Replace(body, ""));
    }

    [GeneratedRegex("""<input type="hidden" name="t" value="\d+">""")]
    private static partial Regex RenderTime();

    [Fact]
    public async Task ExportedCatalog_SeededIntoAFreshSite_GivesTheSamePagesRedirectsDraftsAndSchedule()
    {
        string folder;
        var urls = new[]
        {
            "/tools/travel-tool-3", "/tools/travel-tool", "/tools/travel-tool-2", "/compare/smolvlm2-vs-travel-tool-3",
            "/compare/travel-tool-vs-smolvlm2", "/embed/travel-tool", "/badge/travel-tool-2.svg", "/api/v1/tools/travel-tool",
            "/tools/later-tool", "/tools/quiet-tool", "/", "/categories/developer-tools", "/sitemap.xml", "/feed.xml",
        };
        var before = new Dictionary<string, (HttpStatusCode, string?, string)>();
        using (var source = new AdminSite())
        {
            var client = await source.SignedInAsync(AdminSite.EditorEmail);
            var travel = await AddAsync(client, "Travel Tool", "travel-tool");
            using (await client.SubmitAsync($"/admin/tools/edit/{travel}", "form[data-test=publish-form]"))
            {
            }
            foreach (var slug in new[] { "travel-tool-2", "travel-tool-3" })
            {
                using var renamed = await client.SubmitAsync($"/admin/tools/edit/{travel}", "form[data-test=tool-form]", new Dictionary<string, string?> { ["Form.Slug"] = slug });
                Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
            }
            var later = await AddAsync(client, "Later Tool", "later-tool");
            using (var scheduled = await client.SubmitAsync($"/admin/tools/edit/{later}", "form[data-test=schedule-form]", new Dictionary<string, string?> { ["PublishDate"] = "2031-02-03", ["PublishTime"] = "04:05" }))
                Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
            await AddAsync(client, "Quiet Tool", "quiet-tool");

            var anon = source.Client();
            foreach (var url in urls) before[url] = await PageAsync(anon, url);

            using var zip = await client.GetAsync("/admin/export");
            Assert.Equal(HttpStatusCode.OK, zip.StatusCode);
            folder = _temp.Combine("export");
            ZipFile.ExtractToDirectory(await zip.Content.ReadAsStreamAsync(), folder);
        }
        var travelFile = File.ReadAllText(Path.Combine(folder, "tools", "travel-tool-3.md"));
        Assert.Contains("old_slugs: [\"travel-tool\", \"travel-tool-2\"]\n", travelFile, StringComparison.Ordinal);
        var laterFile = File.ReadAllText(Path.Combine(folder, "tools", "later-tool.md"));
        Assert.Contains("published: false\npublish_at: 2031-02-03T04:05:00Z\n", laterFile, StringComparison.Ordinal);
        Assert.Contains("published: false\n", File.ReadAllText(Path.Combine(folder, "tools", "quiet-tool.md")), StringComparison.Ordinal);

        // The fresh site seeds its empty catalog from the export.
        using var copy = AdminSite.On(SiteFactory.WithContent(folder));
        var copyAnon = copy.Client();
        foreach (var url in urls)
        {
            var after = await PageAsync(copyAnon, url);
            Assert.True(before[url].Item1 == after.Status, $"{url}: {before[url].Item1} before, {after.Status} after");
            Assert.Equal(before[url].Item2, after.Location);
            if (url is not "/sitemap.xml" and not "/feed.xml") Assert.Equal(before[url].Item3, after.Body);
        }
        Assert.Equal(HttpStatusCode.MovedPermanently, before["/tools/travel-tool"].Item1);
        Assert.Equal(HttpStatusCode.NotFound, before["/tools/later-tool"].Item1);

        var tools = copy.Service<ToolAdminRepository>();
        var rows = await tools.ListAsync("tool", null);
        var later2 = rows.Single(r => r.Slug == "later-tool");
        Assert.False(later2.IsPublished);
        Assert.Equal(new DateTimeOffset(2031, 2, 3, 4, 5, 0, TimeSpan.Zero), later2.PublishAt);
        var quiet = rows.Single(r => r.Slug == "quiet-tool");
        Assert.False(quiet.IsPublished);
        Assert.Null(quiet.PublishAt);
    }
}
