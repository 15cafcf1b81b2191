using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Tests.Support;
using AiCompare.Web.Pages.Votes;
using Microsoft.Extensions.DependencyInjection;

namespace AiCompare.Tests.Web.Caching;

/// <summary>
/// <c>Caching:Store=OutputCache</c>, the framework's output cache measured beside the page cache: it
/// holds the same public pages under the same rules, and the same writes evict them.
/// </summary>
public sealed class OutputCacheStoreTests : IDisposable
{
    private const string Pair = "/compare/mistral-medium-3-vs-smolvlm2-2b";
    private readonly SiteFactory _site = SiteFactory.WithSettings(new Dictionary<string, string> { ["Caching:Store"] = "OutputCache" });

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task SecondRequest_IsAnOutputCacheHit_WithThePageCacheOff()
    {
        var client = _site.Client();
        using var first = await client.GetAsync(Pair);
        using var second = await client.GetAsync(Pair);

        Assert.False(_site.Services.GetRequiredService<AiCompare.Web.Caching.PageCache>().Enabled);
        Assert.False(first.Headers.Contains("Age"));
        Assert.True(second.Headers.Contains("Age"));
        // The output cache replays the stored Date; the page cache never stores one.
        Assert.Equal(first.Headers.Date, second.Headers.Date);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AVote_EvictsNoPage_ItsOwnToolsIncluded()
    {
        var client = _site.Client();
        foreach (var url in new[] { Pair, "/tools/mistral-code" }) { (await client.GetAsync(url)).Dispose(); }

        var result = await _site.Services.GetRequiredService<VoteWriter>().SubmitAsync(new VoteRequest("smolvlm2-2b", new string('o', 22), "address", ReviewVerdict.Skip, PerAddressCap: 5));

        Assert.True(result.Changed);
        using var pair = await client.GetAsync(Pair);
        using var other = await client.GetAsync("/tools/mistral-code");
        Assert.True(pair.Headers.Contains("Age"));
        Assert.True(other.Headers.Contains("Age"));
    }

    [Theory]
    [InlineData("/admin/login")]
    [InlineData("/no/such/page")]
    [InlineData("/votes/mine?slug=smolvlm2-2b")]
    public async Task AdminErrorsAndPerReaderAnswers_AreNeverCached(string url)
    {
        var client = _site.Client();
        using var first = await client.GetAsync(url);
        using var second = await client.GetAsync(url);

        Assert.False(second.Headers.Contains("Age"));
        Assert.Equal(first.StatusCode, second.StatusCode);
    }

    [Fact]
    public async Task AnImport_EvictsEverything()
    {
        var client = _site.Client();
        (await client.GetAsync("/robots.txt")).Dispose();

        _site.Services.GetRequiredService<Db>().Changes.Announce(new Change.CatalogReplaced());

        using var again = await client.GetAsync("/robots.txt");
        Assert.False(again.Headers.Contains("Age"));
    }
}
