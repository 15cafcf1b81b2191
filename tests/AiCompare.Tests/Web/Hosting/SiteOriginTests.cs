using System.Text.Json;
using AiCompare.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AiCompare.Tests.Web.Hosting;

/// <summary>
/// Absolute URLs in pages come from <c>Site:BaseUrl</c> when it is set, never from the request's Host
/// header (which any client may send, and which would otherwise end up in pages a cache or CDN keeps);
/// a malformed setting stops the start with its message.
/// </summary>
public sealed class SiteOriginTests
{
    private const string Pair = "/compare/mistral-medium-3-vs-smolvlm2-2b";

    private static HttpClient ClientFor(SiteFactory site, string baseAddress) =>
        site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri(baseAddress) });

    private static List<JsonElement> JsonLd(AngleSharp.Dom.IDocument doc) =>
        doc.QuerySelectorAll("script[type='application/ld+json']").Select(s => JsonDocument.Parse(s.TextContent).RootElement.Clone()).ToList();

    [Fact]
    public async Task ConfiguredBaseUrl_IsTheOnlyOriginInComparisonAndToolPages_WhateverTheHostHeader()
    {
        using var site = SiteFactory.WithSettings(new Dictionary<string, string> { ["Site:BaseUrl"] = "https://aicompare.example/" });
        var client = ClientFor(site, "http://attacker.example");

        var html = await (await client.GetAsync(Pair)).Content.ReadAsStringAsync();
        var doc = Html.Parse(html);
        Assert.Equal("https://aicompare.example" + Pair, doc.One("link[rel=canonical]").GetAttribute("href"));
        Assert.Equal("https://aicompare.example" + Pair, doc.One("meta[property='og:url']").GetAttribute("content"));
        var crumbs = JsonLd(doc).Single(b => b.GetProperty("@type").GetString() == "BreadcrumbList").GetProperty("itemListElement");
        Assert.Equal("https://aicompare.example/", crumbs[0].GetProperty("item").GetString());
        Assert.Contains(doc.QuerySelectorAll("[data-test=share] a"), a => a.GetAttribute("href")!.Contains(Uri.EscapeDataString("https://aicompare.example" + Pair), StringComparison.Ordinal));
        Assert.DoesNotContain("attacker.example", html, StringComparison.Ordinal);

        html = await (await client.GetAsync("/tools/smolvlm2-2b")).Content.ReadAsStringAsync();
        doc = Html.Parse(html);
        Assert.Equal("https://aicompare.example/tools/smolvlm2-2b", doc.One("meta[property='og:url']").GetAttribute("content"));
        Assert.Contains("](https://aicompare.example/tools/smolvlm2-2b)", doc.One("[data-test=badge-snippet]").Text(), StringComparison.Ordinal);
        Assert.Contains("(https://aicompare.example/badge/smolvlm2-2b.svg)", doc.One("[data-test=badge-snippet]").Text(), StringComparison.Ordinal);
        Assert.Contains("<iframe src=\"https://aicompare.example/embed/smolvlm2-2b\"", doc.One("[data-test=embed-snippet]").Text(), StringComparison.Ordinal);
        var app = JsonLd(doc).Single(b => b.GetProperty("@type").GetString() == "SoftwareApplication");
        Assert.Equal("https://aicompare.example/tools/smolvlm2-2b", app.GetProperty("url").GetString());
        Assert.DoesNotContain("attacker.example", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfiguredBaseUrl_WithAPath_PrefixesEveryCanonicalUrl()
    {
        using var site = SiteFactory.WithSettings(new Dictionary<string, string> { ["Site:BaseUrl"] = "https://example.org/aicompare/" });

        var doc = await ClientFor(site, "http://localhost").GetDocumentAsync(Pair);

        Assert.Equal("https://example.org/aicompare" + Pair, doc.One("link[rel=canonical]").GetAttribute("href"));
        var crumbs = JsonLd(doc).Single(b => b.GetProperty("@type").GetString() == "BreadcrumbList").GetProperty("itemListElement");
        Assert.Equal("https://example.org/aicompare/", crumbs[0].GetProperty("item").GetString());
    }

    [Fact]
    public async Task WithoutBaseUrl_PagesUseTheRequestsOwnOrigin()
    {
        using var site = new SiteFactory();

        var doc = await ClientFor(site, "http://dev.localhost:5080").GetDocumentAsync(Pair);

        Assert.Equal("http://dev.localhost:5080" + Pair, doc.One("link[rel=canonical]").GetAttribute("href"));
    }

    [Theory]
    [InlineData("aicompare.example")]
    [InlineData("/relative/path")]
    [InlineData("ftp://aicompare.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://aicompare.example/?utm=1")]
    [InlineData("https://aicompare.example/#top")]
    [InlineData("https://user:secret@aicompare.example")]
    public void MalformedBaseUrl_StopsTheStartWithItsMessage(string value)
    {
        using var site = SiteFactory.WithSettings(new Dictionary<string, string> { ["Site:BaseUrl"] = value });

        var error = site.StartError();

        var messages = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException) messages.Add(e.Message);
        Assert.Contains(messages, m => m.Contains("Site:BaseUrl must be an absolute http(s) address", StringComparison.Ordinal));
    }
}
