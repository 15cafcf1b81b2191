using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Tests.Support;
using AiCompare.Web.Pages.Compare;
using Microsoft.Extensions.DependencyInjection;

namespace AiCompare.Tests.Web.Pages.Compare;

/// <summary>
/// The read model keeps tools as <see cref="StoredTool"/>s: what it gives back must be the snapshot it
/// was given, value for value, for every tool the catalog can hold.
/// </summary>
public sealed class StoredToolTests : IClassFixture<SiteFactory>
{
    private readonly SiteFactory _site;

    public StoredToolTests(SiteFactory site) => _site = site;

    [Fact]
    public async Task EverySeededTool_ComesBackAsItWasStored()
    {
        var snapshots = await _site.Services.GetRequiredService<CatalogRepository>().LoadSnapshotPageAsync(0, 1_000);
        Assert.NotEmpty(snapshots);
        foreach (var snapshot in snapshots) AssertSame(snapshot, Store(snapshot).ToSnapshot());
    }

    [Fact]
    public void MissingFields_EmptyText_NoReviews_AndTextBeyondAscii_ComeBackExactly()
    {
        var bare = Snapshot(new Tool(7, "bare", "Bare", "", "Chat", "chat", null, null, null, null,
            new Pricing(PricingEntry.Free, "", null, null), ""), []);
        AssertSame(bare, Store(bare).ToSnapshot());

        var rich = Snapshot(new Tool(8, "cafe-ai", "Café 🤖 AI", "Ünïcode “quotes” & <tags>", "Agents", "agents", "Vendor ✓", "https://example.com/é",
                new DateOnly(2026, 11, 30), "日本語 teams", new Pricing(PricingEntry.Paid, "$20/mo — per seat", 2.5m, 10.125m), "<p>Zwölf <strong>Boxkämpfer</strong> 🥊</p>"),
            [
                new Review(8, "builder", 91, ReviewVerdict.Ship, "Ships on day one — 🚀"),
                new Review(8, "skeptic", 0, ReviewVerdict.Skip, ""),
                new Review(8, "futurist", 100, ReviewVerdict.Ship, "“Tomorrow” is here"),
            ],
            new CommunityTally(12, 3));
        AssertSame(rich, Store(rich).ToSnapshot());
    }

    [Fact]
    public void ToolsOfOneCategory_ShareItsNameAndSlug_AndEachKeepsItsOwnSlugString()
    {
        var shared = new Dictionary<string, string>(StringComparer.Ordinal);
        string Share(string value) => shared.TryGetValue(value, out var known) ? known : shared[value] = value;
        var a = Snapshot(new Tool(1, "a", "A", "t", new string("Chat".AsSpan()), new string("chat".AsSpan()), null, null, null, null, new Pricing(PricingEntry.Free, "Free", null, null), "<p>a</p>"), []);
        var b = Snapshot(new Tool(2, "b", "B", "t", new string("Chat".AsSpan()), new string("chat".AsSpan()), null, null, null, null, new Pricing(PricingEntry.Free, "Free", null, null), "<p>b</p>"), []);
        var slug = new string("a".AsSpan());

        var storedA = StoredTool.From(a, slug, Share).ToSnapshot();
        var storedB = StoredTool.From(b, "b", Share).ToSnapshot();

        Assert.Same(storedA.Tool.Category, storedB.Tool.Category);
        Assert.Same(storedA.Tool.CategorySlug, storedB.Tool.CategorySlug);
        Assert.Same(slug, storedA.Tool.Slug);
    }

    private static StoredTool Store(ToolSnapshot snapshot) => StoredTool.From(snapshot, snapshot.Tool.Slug, s => s);

    private static ToolSnapshot Snapshot(Tool tool, Review[] reviews, CommunityTally? community = null) =>
        new(tool, reviews, community ?? CommunityTally.None);

    private static void AssertSame(ToolSnapshot expected, ToolSnapshot actual)
    {
        // Records compare by value: the tool (its pricing included) and each review.
        Assert.Equal(expected.Tool, actual.Tool);
        Assert.Equal(expected.Reviews, actual.Reviews);
        Assert.Equal(expected.Community, actual.Community);
        Assert.Equal(expected.Panel, actual.Panel);
    }
}
