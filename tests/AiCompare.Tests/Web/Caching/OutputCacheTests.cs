using System.Net;
using System.Net.Http.Headers;
using AiCompare.Tests.Support;
using Dapper;

namespace AiCompare.Tests.Web.Caching;

/// <summary>Public pages come from the page cache and leave it exactly when what they show changes.</summary>
public sealed class OutputCacheTests : IDisposable
{
    private readonly AdminSite _site = new();

    public void Dispose() => _site.Dispose();

    private void Sql(string sql)
    {
        using var connection = SuiteDatabase.Open(_site.Factory.ConnectionString);
        connection.Execute(sql);
    }

    private async Task<string> H1Async(string url) => (await _site.Client().GetDocumentAsync(url)).One("h1").Text();

    [Fact]
    public async Task SecondRequest_IsServedFromTheCache()
    {
        Assert.Equal("SmolVLM2", await H1Async("/tools/smolvlm2"));

        Sql("UPDATE Tool SET Name = 'Changed Behind The Cache' WHERE Slug = 'smolvlm2'");

        Assert.Equal("SmolVLM2", await H1Async("/tools/smolvlm2"));
    }

    [Fact]
    public async Task AdminEdit_EvictsThatToolsPagesButNotAnotherCategorysPages()
    {
        var editor = await _site.SignedInAsync(AdminSite.EditorEmail);
        using (var created = await editor.SubmitAsync("/admin/tools/edit", "form[data-test=tool-form]", new Dictionary<string, string?>
        {
            ["Form.Name"] = "Elsewhere",
            ["Form.Slug"] = "elsewhere",
            ["Form.Tagline"] = "In another category",
            ["Form.Category"] = "Other Things",
            ["Form.Entry"] = "free",
            ["Form.PricingSummary"] = "Free",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
            // A new tool is a draft until it is published.
            using var published = await editor.SubmitAsync(created.Headers.Location!.OriginalString, "form[data-test=publish-form]");
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }
        Assert.Equal("Elsewhere", await H1Async("/tools/elsewhere"));
        Assert.Equal("Mistral Code", await H1Async("/tools/mistral-code"));
        Assert.Equal("Mercury Edit 2 vs Mistral Code", await H1Async("/compare/mercury-edit-2-vs-mistral-code"));
        Sql("UPDATE Tool SET Name = 'Stale Elsewhere' WHERE Slug = 'elsewhere'"); // a change the cache cannot see

        var id = await SuiteDatabase.Open(_site.Factory.ConnectionString).ExecuteScalarAsync<long>("SELECT Id FROM Tool WHERE Slug = 'mistral-code'");
        using (var saved = await editor.SubmitAsync($"/admin/tools/edit/{id}", "form[data-test=tool-form]", new Dictionary<string, string?> { ["Form.Name"] = "Mistral Code 2" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.Equal("Mistral Code 2", await H1Async("/tools/mistral-code"));
        Assert.Equal("Mercury Edit 2 vs Mistral Code 2", await H1Async("/compare/mercury-edit-2-vs-mistral-code"));
        Assert.Equal("Elsewhere", await H1Async("/tools/elsewhere")); // other category: still the cached page
    }

    [Fact]
    public async Task Vote_LeavesThePageCached_AndTheLiveTallyHasIt()
    {
        var client = _site.Client();
        var before = await client.GetDocumentAsync("/tools/smolvlm2");
        Assert.Equal("No community votes yet", before.One("[data-test=community-decision]").Text());

        var vote = new HttpRequestMessage(HttpMethod.Post, "/votes/smolvlm2") { Content = new FormUrlEncodedContent([new("verdict", "ship")]) };
        using (await client.SendAsync(vote)) { }

        // The cached page keeps the tally it was rendered with; the page script takes the live one.
        var after = await client.GetDocumentAsync("/tools/smolvlm2");
        Assert.Equal("No community votes yet", after.One("[data-test=community-decision]").Text());
        var live = await client.GetStringAsync("/votes/tally?slug=smolvlm2");
        Assert.Contains("\"decision\":\"Ship · 100% of 1 vote\"", live, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MatchingETag_Answers304WithoutABody()
    {
        var client = _site.Client();
        using var first = await client.GetAsync("/compare/mistral-medium-3-vs-smolvlm2-2b");
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.True(etag!.IsWeak);
        Assert.Contains("s-maxage", first.Headers.CacheControl?.ToString(), StringComparison.Ordinal);

        var again = new HttpRequestMessage(HttpMethod.Get, "/compare/mistral-medium-3-vs-smolvlm2-2b");
        again.Headers.IfNoneMatch.Add(etag);
        using var second = await client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
        Assert.False(second.Headers.Contains("Set-Cookie"));

        var stale = new HttpRequestMessage(HttpMethod.Get, "/compare/mistral-medium-3-vs-smolvlm2-2b");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\"", isWeak: true));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(stale)).StatusCode);
    }

    [Fact]
    public async Task PublicPagesAreCompressed_AdminPagesAreNot()
    {
        var client = await _site.SignedInAsync(AdminSite.EditorEmail);

        var page = new HttpRequestMessage(HttpMethod.Get, "/compare/mistral-medium-3-vs-smolvlm2-2b");
        page.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        using var compressed = await client.SendAsync(page);
        var admin = new HttpRequestMessage(HttpMethod.Get, "/admin/tools");
        admin.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        using var plain = await client.SendAsync(admin);

        Assert.Equal("br", compressed.Content.Headers.ContentEncoding.Single());
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal("no-store", plain.Headers.CacheControl?.ToString());
    }
}
