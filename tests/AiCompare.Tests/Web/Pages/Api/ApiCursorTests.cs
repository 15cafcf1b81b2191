using System.Net;
using System.Text.Json;
using AiCompare.Data;
using AiCompare.Tests.Support;
using AiCompare.Web.Pages.Api;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace AiCompare.Tests.Web.Pages.Api;

/// <summary>The API's tool list pages by keyset cursor: stable while tools are added, cheap at any depth.</summary>
public sealed class ApiCursorTests : IDisposable
{
    private readonly SiteFactory _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task ApiTools_WalkingNext_ListsEveryToolExactlyOnce_WhileToolsAreAdded()
    {
        var db = _site.Services.GetRequiredService<Db>();
        new CatalogGenerator(db).Generate(450, seed: 11);
        var before = Published(db);
        var client = _site.Client();
        var seen = new List<string>();
        var pages = 0;
        string? url = "/api/v1/tools";
        while (url is not null)
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            var tools = json.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("slug").GetString()!).ToList();
            Assert.InRange(tools.Count, 1, ApiEndpoints.PageSize);
            seen.AddRange(tools);
            var next = json.GetProperty("next").GetString();
            if (next is null) Assert.False(response.Headers.Contains("Link"));
            else Assert.Equal($"<{next}>; rel=\"next\"", response.Headers.GetValues("Link").Single());

            // New tools land all over the slug order, before and after the cursor.
            new CatalogGenerator(db).Generate(40, seed: 100 + pages++);
            url = next is null ? null : new Uri(next).PathAndQuery;
        }

        Assert.True(Published(db).Count > before.Count + 100, "tools were added during the walk");
        Assert.Equal(seen.Count, seen.Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(before.Except(seen, StringComparer.Ordinal));
        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
    }

    [Theory]
    [InlineData("after=%21%21%21")]
    [InlineData("after=")]
    [InlineData("after=Li4vZXRj")] // "../etc": decodes, but is no slug
    [InlineData("after=%00")]
    [InlineData("after=____________________________________________________________________________________________________________________________________________________________________________________________________________")]
    public async Task ApiTools_BadCursor_Is400ProblemDetails(string query)
    {
        using var response = await _site.Client().GetAsync("/api/v1/tools?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Contains("cursor", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiTools_PageNumberPastTheFirst_Is400SayingToFollowNext()
    {
        using var first = await _site.Client().GetAsync("/api/v1/tools?page=1");
        using var second = await _site.Client().GetAsync("/api/v1/tools?page=2");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        var detail = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();
        Assert.Contains("next", detail, StringComparison.Ordinal);
        Assert.Contains("after=", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiTools_Cursor_RoundTripsAnySlug()
    {
        var cursor = ToolCursor.Encode("mistral-code");

        Assert.True(ToolCursor.TryDecode(cursor, out var slug));
        Assert.Equal("mistral-code", slug);
        Assert.DoesNotContain('=', cursor);
        Assert.Equal(cursor, Uri.EscapeDataString(cursor)); // safe in a URL as it is
        var json = JsonDocument.Parse(await _site.Client().GetStringAsync("/api/v1/tools?after=" + cursor)).RootElement;
        Assert.Equal(["mistral-medium-3", "smolvlm2", "smolvlm2-2b"], json.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("slug").GetString()));
    }

    [SqliteSuiteFact]
    public void ApiTools_Query_IsARangeReadOnTheSlugIndex_WithoutOffset()
    {
        using var connection = _site.Services.GetRequiredService<Db>().Open();

        var plan = connection.Query<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + CatalogRepository.ToolsAfterSql, new { After = "m", Limit = 101 })
            .Select(row => row.Detail).ToList();

        Assert.Contains(plan, d => d.StartsWith("SEARCH t USING INDEX", StringComparison.Ordinal) && d.Contains("(Slug>?)", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, d => d.StartsWith("SCAN", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, d => d.Contains("TEMP B-TREE", StringComparison.Ordinal));
        Assert.DoesNotContain("OFFSET", CatalogRepository.ToolsAfterSql, StringComparison.OrdinalIgnoreCase);
    }

    private static List<string> Published(Db db)
    {
        using var connection = db.Open();
        return connection.Query<string>("SELECT Slug FROM Tool WHERE IsPublished = 1").ToList();
    }
}
