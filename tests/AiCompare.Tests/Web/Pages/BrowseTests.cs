using System.Net;
using AiCompare.Tests.Support;

namespace AiCompare.Tests.Web.Pages;

/// <summary>Critic and category pages over the shipped content.</summary>
public sealed class BrowseTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task Critics_ListsThePanelInOrderWithVerdictCounts()
    {
        var doc = await site.Client().GetDocumentAsync("/critics");

        var names = doc.QuerySelectorAll("[data-test=critics] h2 a").Select(a => a.Text()).ToList();

        Assert.Equal(["The Builder", "The Skeptic", "The Futurist", "The Founder"], names);
        Assert.All(doc.QuerySelectorAll("[data-test=critics] .muted"), p => Assert.Equal("6 verdicts", p.Text()));
    }

    [Fact]
    public async Task CriticPage_ShowsWhoTheyAreAndVerdictsByCategoryWithCounts()
    {
        var doc = await site.Client().GetDocumentAsync("/critics/founder");

        Assert.Equal("The Founder", doc.One("h1").Text());
        Assert.NotEmpty(doc.One("[data-test=motto]").Text());
        Assert.NotEmpty(doc.One("[data-test=bio]").Text());
        Assert.NotEmpty(doc.QuerySelectorAll("[data-test=excited] li"));
        Assert.NotEmpty(doc.QuerySelectorAll("[data-test=tired] li"));
        Assert.Equal("All verdicts (6 tools, 5 shipped)", doc.One("[data-test=verdict-group] h3").Text());
        var medium = doc.QuerySelectorAll("[data-test=critic-verdict]").Single(v => v.One("h4 a").Text() == "Mistral Medium 3");
        Assert.Equal("/tools/mistral-medium-3", medium.One("h4 a").GetAttribute("href"));
        Assert.Equal("/categories/developer-tools", medium.One(".eyebrow a").GetAttribute("href"));
        Assert.Equal("55/100 · skip", medium.One(".score").Text());
        Assert.NotEmpty(medium.One("blockquote").Text());
    }

    [Fact]
    public async Task CriticPage_CategoryFilter_KnownShowsItUnknownIs404()
    {
        var filtered = await site.Client().GetDocumentAsync("/critics/builder?category=developer-tools");
        Assert.Equal(6, filtered.QuerySelectorAll("[data-test=critic-verdict]").Length);
        Assert.StartsWith("Developer Tools verdicts (6 tools, ", filtered.One("[data-test=verdict-group] h3").Text(), StringComparison.Ordinal);
        Assert.Null(filtered.QuerySelector("[data-test=pager]"));

        await site.Client().GetDocumentAsync("/critics/builder?category=no-such-category", expectedStatus: 404);
        await site.Client().GetDocumentAsync("/critics/builder?category=%3Cscript%3E");
    }

    [Theory]
    [InlineData("/critics/nobody", HttpStatusCode.NotFound)]
    [InlineData("/critics/Builder", HttpStatusCode.MovedPermanently)]
    [InlineData("/categories/nothing", HttpStatusCode.NotFound)]
    [InlineData("/categories/Developer-Tools", HttpStatusCode.MovedPermanently)]
    [InlineData("/categories/%3Cx%3E", HttpStatusCode.NotFound)]
    public async Task UnknownOrNonCanonical_AnswersHelpfully(string url, HttpStatusCode expected)
    {
        using var response = await site.Client().GetAsync(url);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Categories_LinkToEachCategoryWithCounts()
    {
        var doc = await site.Client().GetDocumentAsync("/categories");

        var item = doc.One("[data-test=categories] li");
        Assert.Equal("Developer Tools 6 tools", item.Text());
        Assert.Equal("/categories/developer-tools", item.One("a").GetAttribute("href"));
    }

    [Fact]
    public async Task CategoryPage_RanksByShipPercentThenAverage_NotByVotes()
    {
        var doc = await site.Client().GetDocumentAsync("/categories/developer-tools");

        var order = doc.QuerySelectorAll("[data-test=ranked-tool] th a").Select(a => a.GetAttribute("href")).ToList();

        Assert.Equal(
            ["/tools/smolvlm2-2b", "/tools/mistral-4b-edge", "/tools/smolvlm2", "/tools/mistral-code", "/tools/mercury-edit-2", "/tools/mistral-medium-3"],
            order);
        Assert.NotEmpty(doc.QuerySelectorAll("[data-test=category-pairs] a"));
        Assert.All(doc.QuerySelectorAll("[data-test=category-pairs] a"), a => Assert.Matches("^/compare/[a-z0-9-]+-vs-[a-z0-9-]+$", a.GetAttribute("href")));
    }

    [Fact]
    public async Task ToolPage_LinksToAlternativesAndCritics()
    {
        var doc = await site.Client().GetDocumentAsync("/tools/mistral-code");

        Assert.Equal("/categories/developer-tools", doc.One("[data-test=alternatives]").GetAttribute("href"));
        Assert.Contains(doc.QuerySelectorAll("[data-test=critic-review] h3 a"), a => a.GetAttribute("href") == "/critics/skeptic");
    }
}
