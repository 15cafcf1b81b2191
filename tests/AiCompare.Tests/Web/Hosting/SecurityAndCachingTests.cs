using System.Net;
using AiCompare.Tests.Support;

namespace AiCompare.Tests.Web.Hosting;

/// <summary>Every text field is encoded on output; public pages stay cacheable.</summary>
public sealed class SecurityAndCachingTests : IClassFixture<SecurityAndCachingTests.Site>
{
    private const string Script = "<script>alert(1)</script>";
    private readonly HttpClient _client;

    public SecurityAndCachingTests(Site site) => _client = site.Factory.Client();

    public sealed class Site() : ContentSite(content => content
        .Critic("builder", "Builder " + Script, "B" + Script, 1, bio: "Bio " + Script)
        .Critic("skeptic", "The Skeptic", "Skeptic", 2)
        .Tool(
            "evil",
            name: "Evil " + Script,
            category: "Cat " + Script,
            tagline: "Tag <img src=x onerror=alert(1)>",
            vendor: "Vendor " + Script,
            summary: "Price " + Script,
            description: "Desc " + Script + "\n\n<iframe src=\"https://evil.example\"></iframe>\n\n[click me](javascript:alert(1)) and ![img](javascript:alert(2))",
            reviews: [("builder", 80, "ship", "Quote " + Script), ("skeptic", 40, "skip", "\"Quoted\" & <b>bold</b>")])
        .Tool("good", "Good", category: "Cat " + Script, reviews: [("builder", 70, "ship", "Fine.")]));

    [Theory]
    [InlineData("/")]
    [InlineData("/tools/evil")]
    [InlineData("/compare/evil-vs-good")]
    [InlineData("/compare")]
    public async Task HostileText_IsEncodedNeverExecuted(string url)
    {
        var doc = await _client.GetDocumentAsync(url);

        doc.AssertNoInjectedScript();
        Assert.Empty(doc.QuerySelectorAll("iframe"));
        Assert.Empty(doc.QuerySelectorAll("main img"));
        Assert.Empty(doc.QuerySelectorAll("main b"));
        Assert.DoesNotContain(doc.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
        Assert.Empty(doc.QuerySelectorAll("a[href^='javascript'], img[src^='javascript']"));
        Assert.Contains(Script, doc.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToolPage_RawHtmlInMarkdown_IsShownAsText()
    {
        var doc = await _client.GetDocumentAsync("/tools/evil");

        var description = doc.One("[data-test=description]");
        Assert.Contains("<iframe", description.TextContent, StringComparison.Ordinal);
        Assert.Contains(description.QuerySelectorAll("a"), a => a.GetAttribute("href") == "#" && a.Text() == "click me");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/compare")]
    [InlineData("/compare?a=evil&b=good")]
    [InlineData("/compare?a=evil")]
    [InlineData("/compare/evil-vs-good")]
    [InlineData("/compare/good-vs-evil")]
    [InlineData("/compare/evil-vs-nope")]
    [InlineData("/tools/evil")]
    [InlineData("/tools/nope")]
    [InlineData("/healthz")]
    [InlineData("/css/site.css")]
    [InlineData("/js/site.js")]
    [InlineData("/bookmarks")]
    [InlineData("/newsletter")]
    [InlineData("/newsletter/check-email")]
    [InlineData("/newsletter/archive")]
    [InlineData("/newsletter/confirm?token=c.1.0.x")]
    [InlineData("/newsletter/unsubscribe?token=u.1.0.x")]
    [InlineData("/votes/mine?slug=evil")]
    public async Task PublicGet_SetsNoCookie(string url)
    {
        using var response = await _client.GetAsync(url);

        Assert.True((int)response.StatusCode < 500);
        Assert.False(response.Headers.Contains("Set-Cookie"), $"{url} set a cookie");
    }

    [Fact]
    public async Task Pages_SendSecurityHeadersAndNoThirdPartyReferences()
    {
        using var response = await _client.GetAsync("/compare/evil-vs-good");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var doc = Html.Parse(body);
        var references = doc.QuerySelectorAll("link[href], script[src], img[src], iframe[src]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src") ?? "");
        Assert.All(references, r => Assert.True(r.StartsWith('/') || r.StartsWith("http://localhost/", StringComparison.Ordinal), r));
    }

    [Fact]
    public async Task MethodNotAllowed_OnPublicPage_IsNotA500()
    {
        using var response = await _client.PostAsync("/compare/evil-vs-good", new StringContent(""));

        Assert.True((int)response.StatusCode is 400 or 404 or 405, response.StatusCode.ToString());
    }

    [Fact]
    public async Task Home_HasNoStatusCodeBodyLeak()
    {
        using var response = await _client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
