using AiCompare.Tests.Support;
using AiCompare.Web.Pages.Compare.Pair;

namespace AiCompare.Tests.Web.Pages.Compare;

/// <summary>A hero card shows a description's first paragraph, the rest behind "More about …".</summary>
public sealed class HeroDescriptionTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Theory]
    [InlineData("<p>One.</p>\n<p>Two.</p>\n", "<p>One.</p>", "<p>Two.</p>\n")]
    [InlineData("\n<p>One <strong>bold</strong>.</p>\n<ul>\n<li>A</li>\n</ul>\n", "<p>One <strong>bold</strong>.</p>", "<ul>\n<li>A</li>\n</ul>\n")]
    [InlineData("<p>Only one.</p>\n", "<p>Only one.</p>\n", null)]
    [InlineData("<p>Only one.</p>", "<p>Only one.</p>", null)]
    [InlineData("<h2>Heading first</h2>\n<p>Then text.</p>\n", "<h2>Heading first</h2>\n<p>Then text.</p>\n", null)]
    [InlineData("<ul>\n<li>A list first</li>\n</ul>\n<p>Then text.</p>\n", "<ul>\n<li>A list first</li>\n</ul>\n<p>Then text.</p>\n", null)]
    [InlineData("<p>Escaped &lt;/p&gt; stays inside.</p>\n<p>Two.</p>", "<p>Escaped &lt;/p&gt; stays inside.</p>", "<p>Two.</p>")]
    [InlineData("<p>Unclosed", "<p>Unclosed", null)]
    [InlineData("", "", null)]
    public void Split_FirstParagraphAndTheRest(string html, string first, string? more)
    {
        Assert.Equal((first, more), HeroDescription.Split(html));
    }

    [Fact]
    public async Task HeroCards_ShowTheFirstParagraph_AndTheRestInADisclosureNamedForTheTool()
    {
        var doc = await site.Client().GetDocumentAsync("/compare/smolvlm2-2b-vs-mistral-medium-3");

        foreach (var (hero, name) in doc.QuerySelectorAll("[data-test=hero]").Zip(["SmolVLM2-2B", "Mistral Medium 3"]))
        {
            var description = hero.One("[data-test=description]");
            var shown = description.Children.Where(c => c.LocalName != "details").ToList();
            Assert.Equal("p", Assert.Single(shown).LocalName);
            Assert.StartsWith(name, shown[0].Text(), StringComparison.Ordinal);
            var more = description.One("details[data-test=more]");
            Assert.False(more.HasAttribute("open"));
            Assert.Equal($"More about {name}", more.One("summary").Text());
            Assert.NotEmpty(more.QuerySelectorAll("p"));
            Assert.NotNull(more.QuerySelector("ul"));
        }
    }

    [Fact]
    public async Task VoteAndBookmarkButtons_AreNamedForTheirTool_OnTheComparisonAndToolPages()
    {
        var pair = await site.Client().GetDocumentAsync("/compare/smolvlm2-2b-vs-mistral-medium-3");
        var tool = await site.Client().GetDocumentAsync("/tools/smolvlm2-2b");

        foreach (var (doc, names) in new[] { (pair, new[] { "SmolVLM2-2B", "Mistral Medium 3" }), (tool, ["SmolVLM2-2B"]) })
        {
            Assert.Equal(names.Select(n => "Ship " + n), doc.QuerySelectorAll("form[data-test=vote-form] button[value=ship]").Select(b => b.GetAttribute("aria-label")));
            Assert.Equal(names.Select(n => "Skip " + n), doc.QuerySelectorAll("form[data-test=vote-form] button[value=skip]").Select(b => b.GetAttribute("aria-label")));
            Assert.All(doc.QuerySelectorAll("form[data-test=vote-form] button[value=ship]"), b => Assert.Equal("Ship", b.Text()));
            Assert.Contains(doc.QuerySelectorAll("[data-test=bookmark-toggle]"), b => b.GetAttribute("aria-label") == "Bookmark " + names[0] && b.Text() == "Bookmark");
        }
    }
}
