using System.Net;
using System.Text.Json;
using AiCompare.Data;
using AiCompare.Tests.Support;
using AiCompare.Web.Pages.Compare;
using Microsoft.Extensions.DependencyInjection;

namespace AiCompare.Tests.Web.Pages.Compare;

/// <summary>The picker and type-ahead on a generated catalog of thousands of tools: small answers, a few choices.</summary>
public sealed class LargePickerTests(LargePickerTests.Site site) : IClassFixture<LargePickerTests.Site>
{
    /// <summary>The seed content plus 2,000 generated tools.</summary>
    public sealed class Site : IDisposable
    {
        public SiteFactory Factory { get; } = new();

        public Site() => new CatalogGenerator(Factory.Services.GetRequiredService<Db>()).Generate(2_000, seed: 5);

        public void Dispose() => Factory.Dispose();
    }

    [Fact]
    public async Task Picker_OnALargeCatalog_IsSmall()
    {
        using var response = await site.Factory.Client().GetAsync("/compare");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(html.Length < 20_000, $"/compare is {html.Length} characters");
        Assert.Empty(Html.Parse(html).QuerySelectorAll("option"));
    }

    [Fact]
    public async Task Picker_CommonWord_ListsAFewCandidatesNotTheCatalog()
    {
        using var response = await site.Factory.Client().GetAsync("/compare?a=tiny&b=swift");
        var html = await response.Content.ReadAsStringAsync();
        var doc = Html.Parse(html);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        foreach (var side in new[] { "a", "b" })
        {
            var choices = doc.QuerySelectorAll($"[data-test=candidates-{side}] a");
            Assert.InRange(choices.Length, 1, IndexModel.CandidateLimit);
        }
        Assert.All(doc.QuerySelectorAll("[data-test=candidates-a] a"), a => Assert.StartsWith("Tiny ", a.Text(), StringComparison.Ordinal));
        Assert.True(html.Length < 30_000, $"the candidates page is {html.Length} characters");
    }

    [Fact]
    public async Task Suggest_OnALargeCatalog_ReturnsTenPrefixMatches()
    {
        var json = JsonDocument.Parse(await site.Factory.Client().GetStringAsync("/api/v1/tools/suggest?q=Tiny%20C")).RootElement;

        var names = json.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToList();
        Assert.Equal(10, names.Count);
        Assert.All(names, n => Assert.StartsWith("Tiny C", n, StringComparison.Ordinal));
    }
}
