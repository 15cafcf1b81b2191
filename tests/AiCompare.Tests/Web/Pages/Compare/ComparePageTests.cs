using AiCompare.Tests.Support;
using AngleSharp.Dom;

namespace AiCompare.Tests.Web.Pages.Compare;

/// <summary>The seed-004 pair, read back exactly as the reference page shows it.</summary>
public sealed class ComparePageTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    private const string Seed004 = "/compare/mistral-medium-3-vs-smolvlm2-2b";

    [Fact]
    public async Task Seed004_Header_ShowsBreadcrumbEyebrowTitleAndSubtitle()
    {
        var doc = await site.Client().GetDocumentAsync(Seed004);

        Assert.Equal("Compare / Mistral Medium 3 vs SmolVLM2-2B", doc.One("nav.breadcrumb").Text());
        Assert.Equal("AI tool comparison", doc.One(".page-head .eyebrow").Text());
        Assert.Equal("Mistral Medium 3 vs SmolVLM2-2B", doc.One("h1").Text());
        Assert.StartsWith("Which one should you ship with?", doc.One(".page-head .subtitle").Text(), StringComparison.Ordinal);
        Assert.Equal("Mistral Medium 3 vs SmolVLM2-2B | AiCompare", doc.Title);
        Assert.EndsWith(Seed004, doc.One("link[rel=canonical]").GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains("Mistral Medium 3 vs SmolVLM2-2B", doc.One("meta[name=description]").GetAttribute("content"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "M", "Developer Tools", "Mistral Medium 3", "128K context, frontier-tier reasoning at half the cost", "Ship", "75%", "Paid")]
    [InlineData(1, "S", "Developer Tools", "SmolVLM2-2B", "Open-source vision-language model that actually runs on your phone", "Ship", "100%", "Free")]
    public async Task Seed004_HeroCards_ShowSeedValues(int index, string avatar, string category, string name, string tagline, string verdict, string ship, string entry)
    {
        var doc = await site.Client().GetDocumentAsync(Seed004);
        var hero = doc.QuerySelectorAll("[data-test=hero]")[index];

        Assert.Equal(avatar, hero.One(".avatar").Text());
        Assert.Equal(category, hero.One("[data-test=category]").Text());
        Assert.Equal(name, hero.One("[data-test=name]").Text());
        Assert.Equal(tagline, hero.One("[data-test=tagline]").Text());
        Assert.Equal(verdict, hero.One("[data-test=verdict]").Text());
        Assert.Equal(ship, hero.One("[data-test=panel-ship]").Text());
        Assert.Equal("—", hero.One("[data-test=community]").Text());
        Assert.Equal(entry, hero.One("[data-test=entry]").Text());
        Assert.NotEmpty(hero.One("[data-test=description]").Text());
    }

    [Theory]
    [InlineData("Panel verdict", "Ship · 3 ship / 1 skip", "Ship · 4 ship / 0 skip")]
    [InlineData("Community", "No community votes yet", "No community votes yet")]
    [InlineData("Pricing", "API pricing per token (approx. $0.40/M input, $2.00/M output tokens)", "Free / Open Source (Apache 2.0)")]
    [InlineData("Best for", "128K context, frontier-tier reasoning at half the cost", "Open-source vision-language model that actually runs on your phone")]
    [InlineData("Category", "Developer Tools", "Developer Tools")]
    [InlineData("10M in + 2M out tokens / month", "$8.00", "$0.00")]
    [InlineData("Panel average", "avg 73/100", "avg 79/100")]
    public async Task Seed004_DecisionTable_RowMatchesSeed(string row, string first, string second)
    {
        var doc = await site.Client().GetDocumentAsync(Seed004);

        var cells = Row(doc.One("[data-test=decision]"), row);

        Assert.Equal([first, second], cells);
    }

    [Fact]
    public async Task Seed004_DecisionTable_IsARealTableWithRowHeaders()
    {
        var doc = await site.Client().GetDocumentAsync(Seed004);
        var table = doc.One("table[data-test=decision]");

        Assert.Equal(["Decision", "Mistral Medium 3", "SmolVLM2-2B"], table.QuerySelectorAll("thead th").Select(th => th.Text()));
        Assert.All(table.QuerySelectorAll("tbody tr"), tr => Assert.Equal("row", tr.One("th").GetAttribute("scope")));
    }

    [Theory]
    [InlineData("Builder", "82/100 · ship", "85/100 · ship")]
    [InlineData("Skeptic", "75/100 · ship", "78/100 · ship")]
    [InlineData("Futurist", "78/100 · ship", "82/100 · ship")]
    [InlineData("Founder", "55/100 · skip", "72/100 · ship")]
    public async Task Seed004_Scorecard_CriticRowMatchesSeed(string critic, string first, string second)
    {
        var doc = await site.Client().GetDocumentAsync(Seed004);
        var row = doc.QuerySelectorAll("[data-test=scorecard] tbody tr").Single(tr => tr.One("th").Text() == critic);
        var cells = row.QuerySelectorAll("td").ToList();

        Assert.Equal(first, cells[0].One(".score").Text());
        Assert.Equal(second, cells[1].One(".score").Text());
        Assert.All(cells, c => Assert.False(string.IsNullOrWhiteSpace(c.One("blockquote").Text())));
        Assert.All(cells, c => Assert.NotNull(c.QuerySelector("meter")));
    }

    [Fact]
    public async Task Seed004_Scorecard_IsInPanelOrder()
    {
        var doc = await site.Client().GetDocumentAsync(Seed004);

        var critics = doc.QuerySelectorAll("[data-test=scorecard] tbody th").Select(th => th.Text());

        Assert.Equal(["Builder", "Skeptic", "Futurist", "Founder"], critics);
    }

    [Fact]
    public async Task Seed004_WhereTheyDisagree_NamesTheFounderFlip()
    {
        var doc = await site.Client().GetDocumentAsync(Seed004);

        var sentence = doc.One("[data-test=disagreement]").Text();

        Assert.Contains("The Founder", sentence, StringComparison.Ordinal);
        Assert.Contains("ships SmolVLM2-2B (72/100) but skips Mistral Medium 3 (55/100)", sentence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToolPage_Seed004Tool_ShowsVerdictPricingReviewsAndCompareLinks()
    {
        var doc = await site.Client().GetDocumentAsync("/tools/mistral-medium-3");

        Assert.Equal("Mistral Medium 3", doc.One("h1").Text());
        Assert.Equal("Ship · 3 ship / 1 skip", doc.One("[data-test=panel-verdict]").Text());
        Assert.Equal("75%", doc.One("[data-test=panel-ship]").Text());
        Assert.Equal("$8.00", doc.One("[data-test=workload]").Text());
        Assert.Contains("$0.40 per 1M tokens", doc.One("[data-test=pricing]").Text(), StringComparison.Ordinal);
        Assert.Equal(4, doc.QuerySelectorAll("[data-test=critic-review]").Length);
        Assert.Contains(doc.QuerySelectorAll("[data-test=critic-review] .score"), s => s.Text() == "55/100 · skip");
        var links = doc.QuerySelectorAll("[data-test=compare-with] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(5, links.Count);
        Assert.Contains("/compare/mistral-medium-3-vs-smolvlm2-2b", links);
        Assert.Contains("/compare/mercury-edit-2-vs-mistral-medium-3", links);
    }

    [Fact]
    public async Task Home_ShowsLatestVerdictsSuggestedPairsAndCategoryCounts()
    {
        var doc = await site.Client().GetDocumentAsync("/");

        var latest = doc.QuerySelectorAll("[data-test=latest] h3").Select(h => h.Text()).ToList();
        Assert.Equal(6, latest.Count);
        Assert.Equal("Mistral Medium 3", latest[0]); // reviewed most recently
        Assert.NotEmpty(doc.QuerySelectorAll("[data-test=suggested] a"));
        Assert.All(doc.QuerySelectorAll("[data-test=suggested] a"), a => Assert.Matches("^/compare/[a-z0-9-]+-vs-[a-z0-9-]+$", a.GetAttribute("href")));
        Assert.Equal("Developer Tools 6 tools", doc.One("[data-test=categories] li").Text());
    }

    [Fact]
    public async Task ComparePage_IsAWholeDocument_RenderedWithTheSitesEncoder_WithAndWithoutThePageCache()
    {
        // The page is a Razor Slice rendered into a buffer: all of it must reach the reader, whether it
        // is rendered into the page cache's own buffer (plain) or into one of its own and then written
        // through the compression stream (gzip), with the page cache storing it or not.
        using var uncachedSite = SiteFactory.WithSettings(new Dictionary<string, string> { ["Caching:Pages"] = "false" });
        foreach (var (client, encoding) in new[] { (site.Client(), ""), (uncachedSite.Client(), ""), (site.Client(), "gzip"), (uncachedSite.Client(), "gzip") })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, Seed004);
            if (encoding.Length > 0) request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
            using var response = await client.SendAsync(request);
            Assert.Equal(encoding, string.Join(",", response.Content.Headers.ContentEncoding));
            var html = await response.ReadDecodedAsync();

            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType!.ToString());
            Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
            Assert.EndsWith("</html>", html.TrimEnd(), StringComparison.Ordinal);
            Assert.Single(Html.Parse(html).QuerySelectorAll("[data-test=signup]"));
            // Unicode as is, as on every Razor Page (the site's encoder), not the slice default's &#xB7;.
            Assert.Contains("Ship · 3 ship / 1 skip", html, StringComparison.Ordinal);
            Assert.DoesNotContain("&#xB7;", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ComparePage_CanonicalUrl_KeepsThePathsPercentEncoding()
    {
        // A 404 for a path with an escaped "?" in it: its canonical URL is that path, not a different one.
        var doc = await site.Client().GetDocumentAsync("/compare/a%3fb-vs-c", expectedStatus: 404);

        Assert.EndsWith("/compare/a%3Fb-vs-c", doc.One("link[rel=canonical]").GetAttribute("href"), StringComparison.Ordinal);
        Assert.EndsWith("/compare/a%3Fb-vs-c", doc.One("meta[property='og:url']").GetAttribute("content"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComparePage_AnswersHead_AndRefusesOtherMethods()
    {
        var client = site.Client();

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, Seed004));
        using var post = await client.PostAsync(Seed004, new FormUrlEncodedContent([]));

        Assert.Equal(System.Net.HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(System.Net.HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync(Seed004)).StatusCode);
    }

    private static string[] Row(IElement table, string header) =>
        table.QuerySelectorAll("tbody tr")
            .Single(tr => tr.One("th").Text() == header)
            .QuerySelectorAll("td").Select(td => td.Text()).ToArray();
}
