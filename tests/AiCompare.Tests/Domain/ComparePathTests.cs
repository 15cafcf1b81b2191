using AiCompare.Domain;

namespace AiCompare.Tests.Domain;

public sealed class ComparePathTests
{
    [Theory]
    [InlineData("a", "b", "a-vs-b")]
    [InlineData("b", "a", "a-vs-b")]
    [InlineData("a", "a", "a-vs-a")]
    [InlineData("smolvlm2-2b", "mistral-medium-3", "mistral-medium-3-vs-smolvlm2-2b")]
    [InlineData("mistral-medium-3", "smolvlm2-2b", "mistral-medium-3-vs-smolvlm2-2b")]
    [InlineData("ab", "a-b", "a-b-vs-ab")]            // ordinal: '-' sorts before letters
    [InlineData("gpt4", "gpt-4o", "gpt-4o-vs-gpt4")]
    [InlineData("b", "2b", "2b-vs-b")]                // ordinal: digits sort before letters
    [InlineData("cursor", "cursor-2", "cursor-vs-cursor-2")]   // a prefix sorts first
    public void Canonical_TwoSlugs_AreJoinedInOrdinalOrder(string x, string y, string expected)
    {
        Assert.Equal(expected, ComparePath.Canonical(x, y));
        Assert.Equal(expected, ComparePath.Canonical(y, x));
    }

    [Theory]
    [InlineData("a-vs-b", "a|b")]
    [InlineData("a-vs-a", "a|a")]
    [InlineData("mistral-medium-3-vs-smolvlm2-2b", "mistral-medium-3|smolvlm2-2b")]
    [InlineData("ask-vs-tell-vs-b", "ask|tell-vs-b", "ask-vs-tell|b")]
    [InlineData("a-vs-b-vs-c-vs-d", "a|b-vs-c-vs-d", "a-vs-b|c-vs-d", "a-vs-b-vs-c|d")]
    [InlineData("a-vs-vs-b", "a|vs-b", "a-vs|b")]     // separators may overlap
    [InlineData("vs-vs-vs", "vs|vs")]
    [InlineData("a-vs-")]
    [InlineData("-vs-b")]
    [InlineData("-vs-")]
    [InlineData("a--vs-b")]
    [InlineData("a-vs--b")]
    [InlineData("A-vs-B")]
    [InlineData("a-vs-b!")]
    [InlineData("nothing")]
    [InlineData("avsb")]
    [InlineData("")]
    public void Splits_PathSegment_EveryWayIntoTwoValidSlugsLeftmostFirst(string pair, params string[] expected)
    {
        Assert.Equal(expected, ComparePath.Splits(pair).Select(s => s.Left + "|" + s.Right));
    }

    [Fact]
    public void Splits_TwoLongestSlugs_StillSplit()
    {
        var left = new string('a', Slug.MaxLength);
        var right = new string('b', Slug.MaxLength);

        Assert.Equal([(left, right)], ComparePath.Splits(left + ComparePath.Separator + right));
    }

    [Theory]
    [InlineData(Slug.MaxLength, Slug.MaxLength + 1)]
    [InlineData(300, 1)]
    [InlineData(1, 300)]
    public void Splits_OverlongInput_IsEmpty(int leftLength, int rightLength)
    {
        Assert.Empty(ComparePath.Splits(new string('a', leftLength) + ComparePath.Separator + new string('b', rightLength)));
    }

    [Fact]
    public void Splits_HugeRepetitiveInput_IsEmpty()
    {
        Assert.Empty(ComparePath.Splits(string.Concat(Enumerable.Repeat("a-vs-", 10_000)) + "a"));
    }

    [Theory]
    [InlineData("cursor", "aider")]
    [InlineData("smolvlm2-2b", "mistral-medium-3")]
    [InlineData("ask-vs-tell", "zed")]
    public void Splits_CanonicalPath_OffersTheTwoSlugsBack(string x, string y)
    {
        var path = ComparePath.Canonical(x, y);
        var (first, second) = string.CompareOrdinal(x, y) <= 0 ? (x, y) : (y, x);

        Assert.Contains((first, second), ComparePath.Splits(path));
    }
}
