using System.Net;
using System.Text.Json;
using AiCompare.Tests.Support;

namespace AiCompare.Tests.Web.Pages.Api;

/// <summary>The JSON API, the embed card, sharing, OpenGraph and JSON-LD.</summary>
public sealed class ApiAndSharingTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    private async Task<JsonElement> JsonAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await site.Client().GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.OK ? "application/json" : "application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("1", response.Headers.GetValues("X-Api-Version").Single());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task ApiTools_ListsEveryPublishedToolWithPanelNumbers()
    {
        var json = await JsonAsync("/api/v1/tools");

        Assert.Equal(6, json.GetProperty("tools").GetArrayLength());
        var first = json.GetProperty("tools")[0];
        Assert.Equal("mercury-edit-2", first.GetProperty("slug").GetString());
        Assert.Equal("Ship", first.GetProperty("panel").GetProperty("verdict").GetString());
        Assert.Equal(75, first.GetProperty("panel").GetProperty("shipPercent").GetInt32());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task ApiTool_HasReviewsPricingAndCommunity()
    {
        var json = await JsonAsync("/api/v1/tools/mistral-medium-3");

        Assert.Equal("Mistral Medium 3", json.GetProperty("name").GetString());
        Assert.Equal(8.00m, json.GetProperty("pricing").GetProperty("monthlyCost10MIn2MOut").GetDecimal());
        Assert.Equal(4, json.GetProperty("reviews").GetArrayLength());
        Assert.Equal("founder", json.GetProperty("reviews")[3].GetProperty("critic").GetString());
        Assert.Equal("skip", json.GetProperty("reviews")[3].GetProperty("verdict").GetString());
        Assert.Equal("No verdict yet", json.GetProperty("community").GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task ApiCompare_KeepsTheOrderAsked_AndFollowsThePagesRules()
    {
        var json = await JsonAsync("/api/v1/compare/mistral-medium-3-vs-smolvlm2-2b");
        Assert.Equal("mistral-medium-3", json.GetProperty("a").GetProperty("slug").GetString());
        Assert.Equal("smolvlm2-2b", json.GetProperty("b").GetProperty("slug").GetString());
        Assert.Contains("The Founder", json.GetProperty("whereTheyDisagree").GetString(), StringComparison.Ordinal);

        var reversed = await JsonAsync("/api/v1/compare/smolvlm2-2b-vs-mistral-medium-3");
        Assert.Equal("smolvlm2-2b", reversed.GetProperty("a").GetProperty("slug").GetString());
        Assert.Equal("mistral-medium-3", reversed.GetProperty("b").GetProperty("slug").GetString());
        Assert.EndsWith("/compare/smolvlm2-2b-vs-mistral-medium-3", reversed.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/compare/mistral-medium-3-vs-smolvlm2-2b", reversed.GetProperty("canonicalUrl").GetString(), StringComparison.Ordinal);

        using var upper = await site.Client().GetAsync("/api/v1/compare/SmolVLM2-2B-vs-Mistral-Medium-3");
        Assert.Equal(HttpStatusCode.MovedPermanently, upper.StatusCode);
        Assert.Equal("/api/v1/compare/smolvlm2-2b-vs-mistral-medium-3", upper.Headers.Location?.OriginalString);
        using var same = await site.Client().GetAsync("/api/v1/compare/smolvlm2-vs-smolvlm2");
        Assert.Equal("/api/v1/tools/smolvlm2", same.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/api/v1/tools/nope")]
    [InlineData("/api/v1/tools/%3Cx%3E")]
    [InlineData("/api/v1/compare/nope-vs-smolvlm2")]
    [InlineData("/api/v1/nothing")]
    public async Task Api_Unknown_IsAJson404(string url)
    {
        var json = await JsonAsync(url, HttpStatusCode.NotFound);

        Assert.False(string.IsNullOrEmpty(json.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task ApiCritics_ListsThePanel()
    {
        var json = await JsonAsync("/api/v1/critics");

        Assert.Equal(["builder", "skeptic", "futurist", "founder"], json.EnumerateArray().Select(c => c.GetProperty("slug").GetString()));
    }

    [Fact]
    public async Task Embed_IsFrameableAndNothingElseIs()
    {
        using var embed = await site.Client().GetAsync("/embed/smolvlm2-2b");
        using var page = await site.Client().GetAsync("/tools/smolvlm2-2b");

        Assert.Equal(HttpStatusCode.OK, embed.StatusCode);
        Assert.False(embed.Headers.Contains("X-Frame-Options"));
        Assert.Contains("frame-ancestors *", embed.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var card = Html.Parse(await embed.Content.ReadAsStringAsync());
        Assert.Equal("4 ship / 0 skip · 100% panel ship · avg 79/100", card.One("[data-test=embed-split]").Text());
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await site.Client().GetAsync("/embed/nope")).StatusCode);
    }

    [Fact]
    public async Task ToolPage_ShareBlockSnippetsJsonLdAndOpenGraph()
    {
        var doc = await site.Client().GetDocumentAsync("/tools/smolvlm2-2b");

        Assert.Equal("SmolVLM2-2B verdict: SHIP · 4 ships · 0 skips from the panel", doc.One("[data-test=share-text]").Text());
        var links = doc.QuerySelectorAll("[data-test=share] a").Select(a => a.Text()).ToList();
        Assert.Equal(["X", "LinkedIn", "Bluesky", "Hacker News", "Email"], links);
        Assert.Contains("/badge/smolvlm2-2b.svg", doc.One("[data-test=badge-snippet]").Text(), StringComparison.Ordinal);
        Assert.Contains("<iframe src=\"http://localhost/embed/smolvlm2-2b\"", doc.One("[data-test=embed-snippet]").Text(), StringComparison.Ordinal);
        Assert.Equal("http://localhost/tools/smolvlm2-2b", doc.One("meta[property='og:url']").GetAttribute("content"));
        Assert.NotNull(doc.QuerySelector("meta[name='twitter:card']"));

        var blocks = doc.QuerySelectorAll("script[type='application/ld+json']").Select(s => JsonDocument.Parse(s.TextContent).RootElement).ToList();
        var app = blocks.Single(b => b.GetProperty("@type").GetString() == "SoftwareApplication");
        Assert.Equal(79, app.GetProperty("aggregateRating").GetProperty("ratingValue").GetInt32());
        Assert.Equal(4, app.GetProperty("review").GetArrayLength());
        Assert.Contains(blocks, b => b.GetProperty("@type").GetString() == "BreadcrumbList");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/compare")]
    [InlineData("/critics/builder?category=developer-tools")]
    [InlineData("/search?q=vision")]
    public async Task EveryPage_HasOneCanonicalWithoutQueryAndBreadcrumbs(string url)
    {
        var doc = await site.Client().GetDocumentAsync(url);

        var canonical = Assert.Single(doc.QuerySelectorAll("link[rel=canonical]"));
        Assert.DoesNotContain("?", canonical.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains(doc.QuerySelectorAll("script[type='application/ld+json']"), s => s.TextContent.Contains("BreadcrumbList", StringComparison.Ordinal));
        Assert.NotNull(doc.QuerySelector("meta[property='og:title']"));
    }
}
