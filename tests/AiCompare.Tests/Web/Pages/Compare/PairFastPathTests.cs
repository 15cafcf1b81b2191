using System.Net;
using System.Text.RegularExpressions;
using AiCompare.Tests.Support;
using AiCompare.Web.Caching;
using AiCompare.Web.Pages.Compare.Pair;
using AiCompare.Web.Pages.Shared;
using AiCompare.Web.Pages.Shared.SiteLayout;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Encodings.Web;

namespace AiCompare.Tests.Web.Pages.Compare;

/// <summary>
/// The page cache's first-request path for comparisons (<see cref="PairPage"/>, <c>Caching:PairFastPath</c>):
/// it answers a plain GET of a found pair exactly as the endpoint behind the whole pipeline does, and
/// leaves everything else to it.
/// </summary>
public sealed partial class PairFastPathTests
{
    private const string Pair = "/compare/mistral-medium-3-vs-smolvlm2-2b";
    private const string ReaderOrder = "/compare/smolvlm2-2b-vs-mistral-medium-3";

    // Headers that differ between any two responses (or with the render's second).
    private static readonly HashSet<string> Varying = new(StringComparer.OrdinalIgnoreCase) { "Date", "ETag", "Last-Modified", "Age" };

    [Theory]
    [InlineData(Pair, null)]
    [InlineData(Pair, "br")]
    [InlineData(Pair, "gzip")]
    [InlineData(ReaderOrder, null)]
    [InlineData(ReaderOrder, "gzip, deflate, br")]
    [InlineData(Pair, "deflate")]
    public async Task FirstRequest_IsAnsweredAsTheEndpointAnswersIt(string path, string? acceptEncoding)
    {
        using var fast = new SiteFactory();
        using var endpoint = SiteFactory.WithSettings(new Dictionary<string, string> { ["Caching:PairFastPath"] = "false" });

        var (fastStatus, fastHeaders, fastBody) = await GetAsync(fast, path, acceptEncoding);
        var (endpointStatus, endpointHeaders, endpointBody) = await GetAsync(endpoint, path, acceptEncoding);

        Assert.Equal(1, fast.Services.GetRequiredService<PairPage>().WrittenFirst);
        Assert.Equal(0, endpoint.Services.GetRequiredService<PairPage>().WrittenFirst);
        Assert.Equal(HttpStatusCode.OK, fastStatus);
        Assert.Equal(endpointStatus, fastStatus);
        Assert.Equal(endpointHeaders, fastHeaders);
        Assert.Equal(Normalise(endpointBody), Normalise(fastBody));
        Assert.Contains("<h1>", fastBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FirstRequest_IsStored_AndTheSecondIsAHitWithTheSameBytes()
    {
        using var site = new SiteFactory();
        using var client = site.Client();

        using var first = await client.GetAsync(Pair);
        using var second = await client.GetAsync(Pair);

        Assert.Equal(1, site.Services.GetRequiredService<PairPage>().WrittenFirst);
        Assert.True(second.Headers.Contains("Age"), "the second request is a page cache hit");
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/compare/mistral-code-vs-smolvlm2-2b");
        using var fresh = await client.SendAsync(conditional);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/compare/mistral-code-vs-smolvlm2-2b");
        again.Headers.IfNoneMatch.Add(fresh.Headers.ETag!);
        using var notModified = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Theory]
    [InlineData("/compare/Mistral-Medium-3-vs-smolvlm2-2b", HttpStatusCode.MovedPermanently)]
    [InlineData("/compare/mistral-medium-3-vs-mistral-medium-3", HttpStatusCode.MovedPermanently)]
    [InlineData("/compare/mistral-medium-3-vs-no-such-tool", HttpStatusCode.NotFound)]
    [InlineData("/compare/mistral-medium-3-vs-smolvlm2-2b?in=5", HttpStatusCode.OK)]
    [InlineData("/compare/mistral-medium-3-vs-smolvlm2-2b/extra", HttpStatusCode.NotFound)]
    public async Task EverythingElse_IsLeftToTheEndpoint(string path, HttpStatusCode expected)
    {
        using var site = new SiteFactory();
        using var client = site.Client();

        using var response = await client.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(0, site.Services.GetRequiredService<PairPage>().WrittenFirst);
        if (expected == HttpStatusCode.NotFound) Assert.Contains("not found", (await response.Content.ReadAsStringAsync()).ToLowerInvariant(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Head_IsLeftToTheEndpoint()
    {
        using var site = new SiteFactory();
        using var client = site.Client();

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, Pair));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, site.Services.GetRequiredService<PairPage>().WrittenFirst);
    }

    [Fact]
    public async Task WithThePageCacheOff_ThePathStillWritesComparisons()
    {
        using var site = SiteFactory.WithSettings(new Dictionary<string, string> { ["Caching:Pages"] = "false" });
        using var client = site.Client();

        var doc = await client.GetDocumentAsync(Pair);

        Assert.Equal("Mistral Medium 3 vs SmolVLM2-2B", doc.QuerySelector("h1")!.TextContent);
        Assert.Equal(1, site.Services.GetRequiredService<PairPage>().WrittenFirst);
    }

    [SqliteSuiteFact]
    public async Task DatabaseGone_ThePathFallsBackToThePipeline_WhichAnswersItsErrorPage()
    {
        // No tool in memory: the path must read the database, fails, and leaves the request to the pipeline.
        using var site = SiteFactory.WithSettings(new Dictionary<string, string> { ["Catalog:WarmOnStart"] = "false" });
        using var client = site.Client();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            if (File.Exists(site.DatabaseFile + suffix)) File.Delete(site.DatabaseFile + suffix);
        }
        Directory.CreateDirectory(site.DatabaseFile);

        using var response = await client.GetAsync("/compare/mistral-code-vs-smolvlm2-2b");
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode is HttpStatusCode.InternalServerError or HttpStatusCode.ServiceUnavailable, response.StatusCode.ToString());
        Assert.Contains("Something went wrong on our side", body, StringComparison.Ordinal);
        Assert.DoesNotContain("SqliteException", body, StringComparison.Ordinal);
        Assert.Equal(0, site.Services.GetRequiredService<PairPage>().WrittenFirst);
        Assert.Contains(site.Logs, l => l.Contains("first-request path could not write", StringComparison.Ordinal) && l.Contains("/compare/mistral-code-vs-smolvlm2-2b", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "Claude <b>Code</b> vs \"Cursor\" & 'Zed' — 日本語 😀", "https://example.test/compare/a-vs-b?x=<1>&y=\"2\"")]
    [InlineData("/base", "Plain", "http://localhost/base/compare/a-vs-b")]
    public async Task LayoutTemplate_WritesWhatTheRazorLayoutRenders(string pathBase, string title, string canonical)
    {
        using var site = new SiteFactory();
        var encoder = site.Services.GetRequiredService<HtmlEncoder>();
        var frame = new PageFrame(title, canonical, "{\"name\":\"\\u003Cx\\u003E\"}", pathBase + "/css/site.css?v=1", pathBase + "/js/site.js?v=2", ReaderExtras: true)
        {
            IconHref = pathBase + "/favicon.svg",
            RenderedAt = "1764720000",
        };
        const string head = "<meta name=\"description\" content=\"d\">";
        const string body = "<h1>Body &amp; more</h1>";

        var razor = await LayoutTemplate.RenderAsync(new LayoutProbeModel(frame, head, body), encoder);
        var template = await LayoutTemplate.CreateAsync(frame.IconHref, frame.CssHref, frame.JsHref, encoder);
        using var page = new PooledBuffer();
        template.Write(new BufferSink(page, encoder), frame, 0, (o, _) => o.Literal(head), (o, _) => o.Literal(body));

        Assert.Equal(razor, System.Text.Encoding.UTF8.GetString(page.Written.Span));
        Assert.DoesNotContain("<b>Code</b>", razor, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => template.Write(new BufferSink(page, encoder), frame with { CssHref = "/other.css" }, 0, (_, _) => { }, (_, _) => { }));
    }

    private static async Task<(HttpStatusCode, string, string)> GetAsync(SiteFactory site, string path, string? acceptEncoding)
    {
        using var client = site.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        using var response = await client.SendAsync(request);
        // A compressed page's length depends on its bytes, render time included.
        var compressed = response.Content.Headers.ContentEncoding.Count > 0;
        var headers = string.Join("\n", response.Headers.Concat(response.Content.Headers)
            .Where(h => !Varying.Contains(h.Key) && !(compressed && h.Key == "Content-Length"))
            .Select(h => h.Key.ToLowerInvariant() + ": " + string.Join(", ", h.Value))
            .Order(StringComparer.Ordinal));
        return (response.StatusCode, headers, await response.ReadDecodedAsync());
    }

    // The signup form's render time is the only part of a page that depends on when it was written.
    private static string Normalise(string html) => RenderTime().Replace(html, "name=\"t\" value=\"0\"");

    [GeneratedRegex("name=\"t\" value=\"\\d+\"")]
    private static partial Regex RenderTime();
}
