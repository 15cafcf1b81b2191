using AiCompare.Data;

namespace AiCompare.Tests.Data;

/// <summary>What travels between nodes: every kind of change, read back as it was sent, and what is not ours read as nothing.</summary>
public sealed class ChangeWireTests
{
    public static TheoryData<Change> EveryKind() =>
    [
        new Change.ToolsChanged(["smolvlm2-2b", "old-slug"], ["developer-tools", "image-tools"]),
        new Change.Voted([new VotedTool("smolvlm2-2b", "developer-tools", 12, 3), new VotedTool("mistral-code", "developer-tools", 0, 1)]),
        new Change.Voted([]),
        new Change.CriticsChanged(),
        new Change.DigestSent("2026-06-01"),
        new Change.CatalogReplaced(),
        new Change.DraftsChanged(["a-draft"]),
    ];

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void EveryKindOfChange_IsReadBackAsSent(Change change)
    {
        var read = ChangeWire.Read(Assert.Single(ChangeWire.Write("node-a", change)));

        Assert.NotNull(read);
        Assert.Equal("node-a", read.Value.Node);
        Assert.Equal(change.GetType(), read.Value.Change.GetType());
        // Records compare lists by reference: compare what they print.
        Assert.Equal(Describe(change), Describe(read.Value.Change));
    }

    [Fact]
    public void EveryKindOfChange_IsCoveredAbove()
    {
        var covered = ((IEnumerable<object[]>)EveryKind()).Select(row => row[0].GetType()).ToHashSet();
        var kinds = typeof(Change).GetNestedTypes().Where(t => t.IsSubclassOf(typeof(Change)));
        Assert.All(kinds, kind => Assert.Contains(kind, covered));
    }

    [Fact]
    public void ABatchOfVotesTooLargeForOneNotification_TravelsInSeveral_NamingEveryTally()
    {
        var tools = Enumerable.Range(0, 256).Select(i => new VotedTool($"generated-tool-with-a-long-slug-{i:D5}", "developer-tools", i, 2 * i)).ToList();

        var payloads = ChangeWire.Write("node-a", new Change.Voted(tools));

        Assert.True(payloads.Count > 1);
        Assert.All(payloads, p => Assert.True(System.Text.Encoding.UTF8.GetByteCount(p) <= ChangeWire.MaxPayloadBytes));
        var read = payloads.Select(p => Assert.IsType<Change.Voted>(ChangeWire.Read(p)?.Change)).SelectMany(v => v.Tools).ToList();
        Assert.Equal(tools, read);
    }

    [Fact]
    public void AChangeToManyTools_TravelsInSeveral_EachWithEveryCategory()
    {
        var slugs = Enumerable.Range(0, 2_000).Select(i => $"generated-tool-{i}").ToArray();

        var payloads = ChangeWire.Write("node-a", new Change.ToolsChanged(slugs, ["developer-tools", "image-tools"]));

        Assert.True(payloads.Count > 1);
        Assert.All(payloads, p => Assert.True(System.Text.Encoding.UTF8.GetByteCount(p) <= ChangeWire.MaxPayloadBytes));
        var parts = payloads.Select(p => Assert.IsType<Change.ToolsChanged>(ChangeWire.Read(p)?.Change)).ToList();
        Assert.Equal(slugs, parts.SelectMany(c => c.Slugs));
        Assert.All(parts, c => Assert.Equal(["developer-tools", "image-tools"], c.CategorySlugs));
    }

    [Fact]
    public void AChangeThatCannotBeSplit_TravelsAsEverythingChanged()
    {
        var categories = Enumerable.Range(0, 1_000).Select(i => $"generated-category-{i}").ToArray();

        var payload = Assert.Single(ChangeWire.Write("node-a", new Change.ToolsChanged(["one-tool"], categories)));

        Assert.IsType<Change.CatalogReplaced>(ChangeWire.Read(payload)?.Change);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("{\"Node\":\"a\"}")]
    [InlineData("{\"Node\":\"a\",\"Change\":{\"kind\":\"SomethingNew\"}}")]
    [InlineData("{\"Node\":\"a\",\"Change\":{\"kind\":\"Voted\",\"Tools\":7}}")]
    [InlineData("[1,2,3]")]
    public void APayloadThatIsNotOurs_ReadsAsNothing(string payload) => Assert.Null(ChangeWire.Read(payload));

    private static string Describe(Change change) => change switch
    {
        Change.ToolsChanged c => $"{string.Join(',', c.Slugs)}|{string.Join(',', c.CategorySlugs)}",
        Change.Voted v => string.Join(',', v.Tools),
        Change.DraftsChanged d => string.Join(',', d.Slugs),
        _ => change.ToString(),
    };
}
