using System.Net;
using AiCompare.Tests.Support;

namespace AiCompare.Tests.Web.Pages;

/// <summary>One canonical URL per pair, helpful 404s, and junk that never becomes a 500.</summary>
public sealed class RoutingTests : IClassFixture<RoutingTests.Site>
{
    private readonly HttpClient _client;

    public RoutingTests(Site site) => _client = site.Factory.Client();

    /// <summary>A catalog with slugs that contain "-vs-" themselves.</summary>
    public sealed class Site() : ContentSite(content => content
        .WithPanel()
        .Tool("ask", "Ask")
        .Tool("tell", "Tell")
        .Tool("ask-vs-tell", "Ask vs Tell")
        .Tool("zeta", "Zeta")
        .Tool("smolvlm2", "SmolVLM2")
        .Tool("mistral-medium-3", "Mistral Medium 3"));

    [Theory]
    [InlineData("/compare/ASK-vs-Zeta", "/compare/ask-vs-zeta")]
    [InlineData("/compare/Ask-VS-Zeta", "/compare/ask-vs-zeta")]
    [InlineData("/compare/ZETA-vs-Ask", "/compare/zeta-vs-ask")]
    [InlineData("/compare/Zeta-vs-Ask-vs-Tell", "/compare/zeta-vs-ask-vs-tell")]
    [InlineData("/compare/ask-vs-ask", "/tools/ask")]
    [InlineData("/compare/ASK-vs-ask", "/tools/ask")]
    [InlineData("/tools/Ask", "/tools/ask")]
    public async Task NonCanonicalUrl_Answers301ToCanonical(string url, string expected)
    {
        using var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/compare/zeta-vs-ask", "Zeta vs Ask", "/compare/ask-vs-zeta")]
    [InlineData("/compare/ask-vs-zeta", "Ask vs Zeta", "/compare/ask-vs-zeta")]
    [InlineData("/compare/zeta-vs-ask-vs-tell", "Zeta vs Ask vs Tell", "/compare/ask-vs-tell-vs-zeta")]
    [InlineData("/compare/ask-vs-tell-vs-zeta", "Ask vs Tell vs Zeta", "/compare/ask-vs-tell-vs-zeta")]
    public async Task EitherOrder_Answers200InItsOwnOrder_WithTheOrdinalCanonical(string url, string heading, string canonical)
    {
        var doc = await _client.GetDocumentAsync(url);

        Assert.Equal(heading, doc.One("h1").Text());
        Assert.EndsWith(canonical, doc.One("link[rel=canonical]").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/compare/ask-vs-zeta", "Ask vs Zeta")]
    [InlineData("/compare/ask-vs-tell-vs-zeta", "Ask vs Tell vs Zeta")]
    [InlineData("/compare/ask-vs-tell", "Ask vs Tell")]
    [InlineData("/compare/ask-vs-tell-vs-tell", "Ask vs Tell vs Tell")]
    public async Task CanonicalUrl_ResolvesSlugsContainingVs(string url, string heading)
    {
        var doc = await _client.GetDocumentAsync(url);

        Assert.Equal(heading, doc.One("h1").Text());
        Assert.Equal(2, doc.QuerySelectorAll("[data-test=hero]").Length);
    }

    [Fact]
    public async Task UnknownSlug_Answers404WithCloseNamesAndPickerLink()
    {
        var doc = await _client.GetDocumentAsync("/compare/mistral-medium-3-vs-smolvlm", expectedStatus: 404);

        Assert.Contains("smolvlm", doc.One("[data-test=not-found]").Text(), StringComparison.Ordinal);
        Assert.Contains(doc.QuerySelectorAll("[data-test=suggestions] a"), a => a.GetAttribute("href") == "/tools/smolvlm2");
        Assert.Contains(doc.QuerySelectorAll("[data-test=not-found] a"), a => a.GetAttribute("href") == "/tools/mistral-medium-3");
        Assert.Contains(doc.QuerySelectorAll("[data-test=not-found] a"), a => a.GetAttribute("href") == "/compare");
    }

    [Fact]
    public async Task UnknownTool_Answers404Page()
    {
        var doc = await _client.GetDocumentAsync("/tools/no-such-tool", expectedStatus: 404);

        Assert.Equal("Page not found", doc.One("h1").Text());
        Assert.Contains(doc.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/compare");
    }

    [Theory]
    [InlineData("/compare/nothing-here")]
    [InlineData("/compare/-vs-")]
    [InlineData("/compare/ask-vs-")]
    [InlineData("/compare/-vs-ask")]
    [InlineData("/compare/ask--vs--zeta")]
    [InlineData("/compare/%3Cscript%3Ealert(1)%3C%2Fscript%3E-vs-ask")]
    [InlineData("/compare/%C3%A9t%C3%A9-vs-ask")]
    [InlineData("/compare/%01-vs-ask")]
    [InlineData("/compare/ask-vs-zeta%20")]
    [InlineData("/compare/'%20OR%201=1--vs-ask")]
    [InlineData("/tools/%7F")]
    [InlineData("/tools/a%2Fb")]
    [InlineData("/tools/-ask")]
    [InlineData("/no/such/page")]
    public async Task Junk_Answers404NeverA500(string url)
    {
        using var response = await _client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task OverlongPair_Answers404()
    {
        using var response = await _client.GetAsync("/compare/" + new string('a', 3000) + "-vs-ask");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Picker_TwoKnownTools_RedirectsToThePairInTheOrderPicked_Lowercase()
    {
        using var response = await _client.GetAsync("/compare?a=zeta&b=ASK");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/compare/zeta-vs-ask", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/compare?a=ask", "b", "Pick the second tool.")]
    [InlineData("/compare?a=&b=ask", "a", "Pick the first tool.")]
    [InlineData("/compare?a=ask&b=ask", "b", "Pick a different tool from the first one.")]
    [InlineData("/compare?a=ask&b=nope", "b", "No tool called 'nope' in the catalog.")]
    [InlineData("/compare?a=%3Cb%3Ex&b=ask", "a", "No tool called '<b>x' in the catalog.")]
    public async Task Picker_BadInput_Answers400WithErrorBesideTheField(string url, string field, string message)
    {
        var doc = await _client.GetDocumentAsync(url, expectedStatus: 400);

        var error = doc.One($"[data-test=error-{field}]");
        Assert.Equal(message, error.Text());
        Assert.Equal(error.Id, doc.One($"#pick-{field}").GetAttribute("aria-describedby"));
        Assert.Equal("true", doc.One($"#pick-{field}").GetAttribute("aria-invalid"));
        Assert.Empty(doc.QuerySelectorAll("form b"));
    }

    [Fact]
    public async Task Picker_WithoutQuery_ShowsLabelledTextFieldsAndSuggestedPairs()
    {
        var doc = await _client.GetDocumentAsync("/compare");

        Assert.Equal("First tool", doc.One("label[for=pick-a]").Text());
        Assert.Equal("Second tool", doc.One("label[for=pick-b]").Text());
        Assert.Equal("text", doc.One("input#pick-a").GetAttribute("type"));
        Assert.Empty(doc.QuerySelectorAll("form[data-test=picker] select, form[data-test=picker] option")); // never a list of every tool
        Assert.Equal("get", doc.One("form[data-test=picker]").GetAttribute("method"));
        Assert.NotEmpty(doc.QuerySelectorAll("[data-test=suggested] a"));
    }
}
