using System.Net;
using AiCompare.Tests.Support;

namespace AiCompare.Tests.Web.Pages.Shared;

/// <summary>
/// What the layout adds around a page: the favicon on every layout, the signup and bookmarks panel on
/// reader pages only (not on error pages, and no second bookmarks list on the bookmarks page).
/// </summary>
public sealed class LayoutExtrasTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task Favicon_IsServedAsSvg_WithLongCaching()
    {
        using var response = await site.Client().GetAsync("/favicon.svg");
        var svg = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        Assert.Equal("public, max-age=604800", response.Headers.CacheControl?.ToString());
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task VersionedAssets_AreCachedForAYear_UnversionedOnesForAWeek()
    {
        var client = site.Client();
        var css = (await client.GetDocumentAsync("/")).One("link[rel=stylesheet]").GetAttribute("href")!;

        using var versioned = await client.GetAsync(css);
        using var plain = await client.GetAsync("/css/site.css");

        Assert.Contains("?v=", css, StringComparison.Ordinal);
        Assert.Equal("public, max-age=31536000, immutable", versioned.Headers.CacheControl?.ToString());
        Assert.Equal("public, max-age=604800", plain.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("/", 200)]
    [InlineData("/tools/smolvlm2", 200)]
    [InlineData("/compare/mistral-medium-3-vs-smolvlm2-2b", 200)] // a slice page
    [InlineData("/admin/login", 200)] // the admin layout
    [InlineData("/no-such-page", 404)]
    [InlineData("/compare/nope-vs-smolvlm2", 404)]
    public async Task EveryLayout_LinksTheSvgFavicon(string url, int status)
    {
        var doc = await site.Client().GetDocumentAsync(url, status);

        var icon = doc.One("head link[rel=icon]");
        Assert.Equal("/favicon.svg", icon.GetAttribute("href"));
        Assert.Equal("image/svg+xml", icon.GetAttribute("type"));
    }

    [Fact]
    public async Task BookmarksPage_ListsTheBookmarksOnce_OtherPagesKeepThePanel()
    {
        var client = site.Client();
        var bookmarks = await client.GetDocumentAsync("/bookmarks");
        var critics = await client.GetDocumentAsync("/critics");

        Assert.Single(bookmarks.QuerySelectorAll("[data-bookmarks-list]"));
        Assert.Single(bookmarks.QuerySelectorAll("[data-test=bookmarks-page] [data-bookmarks-list]"));
        Assert.Empty(bookmarks.QuerySelectorAll("[data-test=bookmarks-panel]"));
        Assert.Single(bookmarks.QuerySelectorAll("[data-test=signup]"));
        Assert.Single(critics.QuerySelectorAll("[data-test=bookmarks-panel] [data-bookmarks-list]"));
    }

    [Theory]
    [InlineData("/no-such-page", 404)]
    [InlineData("/tools/no-such-tool", 404)]
    [InlineData("/compare/nope-vs-smolvlm2", 404)] // the comparison's own not-found page
    [InlineData("/error/500", 404)] // visited directly: "not found"
    [InlineData("/newsletter/confirm?token=c.1.0.x", 0)]
    [InlineData("/compare?a=smolvlm2&b=smolvlm2", 0)] // a form error
    public async Task ErrorPages_CarryNoSignupOrBookmarksPanel(string url, int status)
    {
        using var response = await site.Client().GetAsync(url);
        var doc = Html.Parse(await response.Content.ReadAsStringAsync());

        if (status != 0) Assert.Equal(status, (int)response.StatusCode);
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{url} answered {(int)response.StatusCode}");
        Assert.Single(doc.QuerySelectorAll("main h1"));
        Assert.Empty(doc.QuerySelectorAll("[data-test=signup]"));
        Assert.Empty(doc.QuerySelectorAll("[data-test=bookmarks-panel]"));
        Assert.Empty(doc.QuerySelectorAll("form[action='/newsletter/subscribe']"));
    }

    [Fact]
    public async Task ReaderPages_StillCarryTheSignupAndBookmarksPanel()
    {
        var doc = await site.Client().GetDocumentAsync("/");

        Assert.Single(doc.QuerySelectorAll("[data-test=signup]"));
        Assert.Single(doc.QuerySelectorAll("[data-test=bookmarks-panel]"));
    }
}
