using AiCompare.Tests.Support;

namespace AiCompare.Tests.Web.Pages;

/// <summary>Every public route of the shipped content answers 200 with HTML.</summary>
public sealed class SmokeTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    private static List<string> ToolSlugs() =>
        Directory.EnumerateFiles(Path.Combine(TestPaths.Content, "tools"), "*.md")
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static TheoryData<string> PublicRoutes()
    {
        var routes = new TheoryData<string> { "/", "/compare", "/bookmarks", "/critics", "/critics/builder", "/categories", "/categories/developer-tools", "/newsletter", "/newsletter/archive" };
        var slugs = ToolSlugs();
        foreach (var slug in slugs) routes.Add("/tools/" + slug);
        for (var i = 0; i < slugs.Count; i++)
        {
            for (var j = i + 1; j < slugs.Count; j++) routes.Add($"/compare/{slugs[i]}-vs-{slugs[j]}");
        }
        return routes;
    }

    [Theory]
    [MemberData(nameof(PublicRoutes))]
    public async Task PublicRoute_Answers200Html(string url)
    {
        using var response = await site.Client().GetAsync(url);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        AssertOneDocumentWithItsHead(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AdminPages_PutTheirRobotsMetaInsideTheHead()
    {
        var html = await site.Client().GetStringAsync("/admin/login");

        AssertOneDocumentWithItsHead(html);
        var head = html[..html.IndexOf("</head>", StringComparison.Ordinal)];
        Assert.Contains("<meta name=\"robots\" content=\"noindex, nofollow\">", head, StringComparison.Ordinal);
    }

    // Checked on the raw text, not a parsed document: an HTML parser quietly moves stray head elements
    // into <head>, while a browser given anything before the doctype renders in quirks mode.
    private static void AssertOneDocumentWithItsHead(string html)
    {
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        var headEnd = html.IndexOf("</head>", StringComparison.Ordinal);
        Assert.True(headEnd > 0);
        Assert.Equal(headEnd, html.LastIndexOf("</head>", StringComparison.Ordinal));
        foreach (var headOnly in new[] { "<meta name=\"description\"", "<meta property=\"og:", "<meta name=\"robots\"", "<link rel=\"canonical\"" })
        {
            var at = html.LastIndexOf(headOnly, StringComparison.Ordinal);
            Assert.True(at < headEnd, $"{headOnly} after </head>");
        }
    }

    [Fact]
    public void ShippedContent_HasTheSixSeedTools()
    {
        Assert.Equal(
            ["mercury-edit-2", "mistral-4b-edge", "mistral-code", "mistral-medium-3", "smolvlm2", "smolvlm2-2b"],
            ToolSlugs());
    }
}

/// <summary>The stylesheet and script are linked with a version from their content, and the versioned URLs answer.</summary>
public sealed class AssetVersionTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Theory]
    [InlineData("/", "link[rel=stylesheet]", "href", "/css/site.css")]
    [InlineData("/", "script[src]", "src", "/js/site.js")]
    [InlineData("/embed/smolvlm2", "link[rel=stylesheet]", "href", "/css/site.css")]
    public async Task AssetLinks_CarryTheContentHash_AndAnswer(string page, string selector, string attribute, string path)
    {
        var client = site.Client();
        var url = (await client.GetDocumentAsync(page)).One(selector).GetAttribute(attribute)!;
        var file = await File.ReadAllBytesAsync(Path.Combine(TestPaths.WebRoot, path.TrimStart('/')));

        Assert.Equal(path + "?v=" + Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Security.Cryptography.SHA256.HashData(file)), url);
        using var response = await client.GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
