using System.Net;
using AiCompare.Domain;
using AiCompare.Tests.Support;

namespace AiCompare.Tests.Web.Pages.Search;

/// <summary>FTS5 search: prefix matching, ranking, highlighting, and no query ever an error.</summary>
public sealed class SearchTests : IClassFixture<SearchTests.Site>
{
    private readonly HttpClient _client;

    public SearchTests(Site site) => _client = site.Factory.Client();

    public sealed class Site() : ContentSite(content => content
        .WithPanel()
        .Tool("smolvlm2", "SmolVLM2", tagline: "Vision model that runs on your phone", vendor: "Hugging Face", description: "A small vision-language model.")
        .Tool("mistral-code", "Mistral Code", tagline: "Coding model and editor extension", vendor: "Mistral AI", category: "Coding", description: "Writes code.")
        .Tool("cafe-ai", "Café AI", tagline: "Über-fast espresso predictions", description: "Predicts the next <b>coffee</b>. 日本語のテキスト検索.")
        .Tool("vision-pro", "Vision Pro", tagline: "A headset", description: "Nothing else.")
        .Tool("long-story", "Long Story", tagline: "A description longer than a snippet",
              description: "Alpha bravo charlie delta echo foxtrot golf hotel india juliett kilo lima mike november oscar papa quebec romeo sierra tango zebra uniform victor whiskey xray yankee walrus one two three four five six seven eight nine ten eleven twelve thirteen fourteen.")
        .Tool("pixel-notes", "Pixel Notes", tagline: "Notes from screenshots", description: "**Pixel Notes** reads your screenshots.\n\nWorth knowing:\n\n- Quokka sync runs *quietly* in the background\n- `offline` mode and [the docs](https://example.com/quokka) <i>quokka</i>"));

    [Fact]
    public async Task Search_PrefixMatches_RankedWithNameFirst_Highlighted()
    {
        var doc = await _client.GetDocumentAsync("/search?q=visi");

        var hits = doc.QuerySelectorAll("[data-test=search-results] h2 a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/tools/vision-pro", "/tools/smolvlm2"], hits); // a match in the name outranks one in the tagline
        Assert.Contains(doc.QuerySelectorAll("[data-test=search-results] mark"), m => m.Text().StartsWith("Visi", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("mistral", "/tools/mistral-code")]
    [InlineData("hugging", "/tools/smolvlm2")]
    [InlineData("coding", "/tools/mistral-code")]
    [InlineData("espresso", "/tools/cafe-ai")]
    [InlineData("cafe", "/tools/cafe-ai")]
    [InlineData("uber", "/tools/cafe-ai")]
    [InlineData("Café", "/tools/cafe-ai")]
    [InlineData("MISTRAL code", "/tools/mistral-code")]
    public async Task Search_FindsNamesVendorsCategoriesTaglinesAndDiacriticsFolded(string q, string expected)
    {
        var doc = await _client.GetDocumentAsync("/search?q=" + Uri.EscapeDataString(q));

        Assert.Equal(expected, doc.One("[data-test=search-results] h2 a").GetAttribute("href"));
    }

    [Theory]
    [InlineData("\"unbalanced")]
    [InlineData("mistral AND OR NOT")]
    [InlineData("NEAR(a b")]
    [InlineData("name:mistral")]
    [InlineData("*")]
    [InlineData("^vision")]
    [InlineData("'; DROP TABLE Tool; --")]
    [InlineData("(((")]
    [InlineData("日本語")]
    [InlineData("🚀")]
    public async Task Search_OperatorsQuotesAndJunk_NeverAnError(string q)
    {
        using var response = await _client.GetAsync("/search?q=" + Uri.EscapeDataString(q));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Search_MarkupInContent_IsEncodedOnlyMarksAreTags()
    {
        var doc = await _client.GetDocumentAsync("/search?q=coffee");

        var snippet = doc.One("[data-test=search-results] .snippet");
        Assert.Empty(snippet.QuerySelectorAll("b"));
        Assert.Contains("<b>", snippet.TextContent, StringComparison.Ordinal);
        Assert.Equal("coffee", snippet.One("mark").Text());
    }

    [Theory]
    [InlineData("", "search-help")]
    [InlineData("   ", "search-help")]
    [InlineData("!!! ???", "search-help")]
    [InlineData("zzzzqqq", "search-none")]
    public async Task Search_EmptyJunkOrNothingFound_GetsAHelpfulPage(string q, string hook)
    {
        var doc = await _client.GetDocumentAsync("/search?q=" + Uri.EscapeDataString(q));

        Assert.NotNull(doc.QuerySelector($"[data-test={hook}]"));
    }

    [Fact]
    public async Task HeaderSearchBox_WorksWithoutJavaScript()
    {
        var doc = await _client.GetDocumentAsync("/");

        var form = doc.One("header form[role=search]");
        Assert.Equal("/search", form.GetAttribute("action"));
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.NotNull(doc.QuerySelector("label[for=header-q]"));
    }

    [Theory]
    [InlineData("a\"b", "\"a\"* \"b\"*")]
    [InlineData("  Mistral   CODE ", "\"mistral\"* \"code\"*")]
    [InlineData("NEAR(x", "\"near\"* \"x\"*")]
    [InlineData("", null)]
    [InlineData("*:^", null)]
    public void SearchQuery_Match_QuotesEveryTermAsAPrefix(string text, string? expected)
    {
        Assert.Equal(expected, SearchQuery.Match(text));
    }

    [Fact]
    public async Task Snippets_ArePlainText_NoMarkdownMarkersAndMarksStillEncoded()
    {
        var doc = await _client.GetDocumentAsync("/search?q=quokka");

        var snippet = doc.One("[data-test=search-results] .snippet");
        var text = snippet.TextContent;
        Assert.DoesNotContain("**", text, StringComparison.Ordinal);
        Assert.DoesNotContain("`", text, StringComparison.Ordinal);
        Assert.DoesNotContain("- ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("](", text, StringComparison.Ordinal);
        Assert.DoesNotContain("*quietly*", text, StringComparison.Ordinal);
        Assert.Contains("Worth knowing: Quokka sync runs quietly", Html.Normalise(text), StringComparison.Ordinal);
        Assert.All(snippet.QuerySelectorAll("mark"), m => Assert.Equal("quokka", m.Text(), ignoreCase: true));
        Assert.Empty(snippet.QuerySelectorAll("i")); // raw HTML in a description stays text (see Search_MarkupInContent_IsEncodedOnlyMarksAreTags)
    }

    [Fact]
    public async Task Snippets_CutFromALongerDescription_SayWhereTheyCutIt()
    {
        var cut = Html.Normalise((await _client.GetDocumentAsync("/search?q=zebra")).One("[data-test=search-results] .snippet").TextContent);
        var whole = Html.Normalise((await _client.GetDocumentAsync("/search?q=coffee")).One("[data-test=search-results] .snippet").TextContent);

        Assert.StartsWith("…", cut, StringComparison.Ordinal);
        Assert.EndsWith("…", cut, StringComparison.Ordinal);
        Assert.Contains("zebra", cut, StringComparison.Ordinal);
        Assert.DoesNotContain("Alpha", cut, StringComparison.Ordinal);
        Assert.DoesNotContain("fourteen", cut, StringComparison.Ordinal);
        Assert.DoesNotContain("…", whole, StringComparison.Ordinal); // a short description is shown whole
    }

    [Theory]
    [InlineData("visi", "2 tools for “visi”")]
    [InlineData("mistral code", "1 tool for “mistral code”")]
    public async Task CountText_HasSingleSpaces(string q, string expected)
    {
        var doc = await _client.GetDocumentAsync("/search?q=" + Uri.EscapeDataString(q));

        Assert.Equal(expected, doc.One("[data-test=search-count]").TextContent);
    }

    [Theory]
    [InlineData("mistrl")]    // a letter left out
    [InlineData("mistrall")]  // one too many
    [InlineData("imstral")]   // the first two letters swapped
    [InlineData("xmistral")]  // a stray first letter
    [InlineData("Mistarl")]
    public async Task Typo_NothingFound_SuggestsTheClosestToolNamesAsLinks(string q)
    {
        var doc = await _client.GetDocumentAsync("/search?q=" + Uri.EscapeDataString(q));

        Assert.NotNull(doc.QuerySelector("[data-test=search-none]"));
        var didYouMean = doc.One("[data-test=did-you-mean]");
        Assert.Equal("Did you mean Mistral Code?", didYouMean.Text());
        Assert.Equal("/tools/mistral-code", didYouMean.One("a").GetAttribute("href"));
    }

    [Theory]
    [InlineData("zzzzqqq")]
    [InlineData("quantum")]
    [InlineData("mi")]
    [InlineData("mistral")] // found: nothing to suggest
    public async Task NothingClose_OrFound_NoSuggestion(string q)
    {
        var doc = await _client.GetDocumentAsync("/search?q=" + Uri.EscapeDataString(q));

        Assert.Null(doc.QuerySelector("[data-test=did-you-mean]"));
    }

    [Theory]
    [InlineData("mistrl' OR 1=1 --")]
    [InlineData("%_mistrl\\")]
    [InlineData("\"mistrl")]
    [InlineData("m\u0000istrl")]
    [InlineData("🚀mistrl🚀")]
    public async Task DidYouMean_HostileInput_NeverAnError(string q)
    {
        using var response = await _client.GetAsync("/search?q=" + Uri.EscapeDataString(q) + "&x=" + new string('z', 300));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var longer = await _client.GetAsync("/search?q=" + Uri.EscapeDataString(q + new string('a', 400)));
        Assert.Equal(HttpStatusCode.OK, longer.StatusCode);
    }
}
