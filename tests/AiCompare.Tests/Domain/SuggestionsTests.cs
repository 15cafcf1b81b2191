using AiCompare.Domain;

namespace AiCompare.Tests.Domain;

public sealed class SuggestionsTests
{
    private static readonly string[] Catalog =
    [
        "aider", "claude-code", "cline", "copilot", "cursor", "mistral-code", "mistral-medium-3", "smolvlm2-2b",
    ];

    private static IReadOnlyList<string> Closest(string typed, int max = 5) => Suggestions.Closest(typed, Catalog, s => s, max);

    [Theory]
    [InlineData("", "", 0)]
    [InlineData("", "abc", 3)]
    [InlineData("abc", "", 3)]
    [InlineData("cursor", "cursor", 0)]
    [InlineData("a", "b", 1)]
    [InlineData("cursr", "cursor", 1)]       // one deletion
    [InlineData("cursoor", "cursor", 1)]     // one insertion
    [InlineData("cursar", "cursor", 1)]      // one substitution
    [InlineData("cusror", "cursor", 2)]      // a transposition is two edits
    [InlineData("kitten", "sitting", 3)]
    [InlineData("flaw", "lawn", 2)]
    [InlineData("sunday", "saturday", 3)]
    [InlineData("gumbo", "gambol", 2)]
    [InlineData("abc", "xyz", 3)]
    public void Distance_TwoStrings_IsTheLevenshteinDistance(string a, string b, int expected)
    {
        Assert.Equal(expected, Suggestions.Distance(a, b));
        Assert.Equal(expected, Suggestions.Distance(b, a));
    }

    [Theory]
    [InlineData("cursr", "cursor")]                               // small typo
    [InlineData("cusror", "cursor")]                              // transposed letters
    [InlineData("cursor", "cursor")]                              // exact match
    [InlineData("mistral", "mistral-code", "mistral-medium-3")]   // prefix of longer slugs, closest first
    [InlineData("smolvlm2-2b-instruct", "smolvlm2-2b")]           // a known slug is a prefix of what was typed
    [InlineData("clin", "cline")]
    [InlineData("claudecoed", "claude-code")]                     // three edits allowed at ten characters
    [InlineData("zzzzzz")]                                        // nothing close
    [InlineData("gemini")]
    public void Closest_Typed_SuggestsPrefixMatchesAndSmallEdits(string typed, params string[] expected)
    {
        Assert.Equal(expected, Closest(typed));
    }

    [Theory]
    [InlineData("abcdef", "abcdxy", true)]        // two edits: within max(2, 6/3)
    [InlineData("abcdef", "abcxyz", false)]       // three edits
    [InlineData("abcdefghi", "abcdefxyz", true)]  // three edits: within 9/3
    [InlineData("abcdefghi", "abcdewxyz", false)] // four edits
    [InlineData("ab", "xy", true)]                // short words still allow two edits
    [InlineData("ab", "xyz", false)]
    public void Closest_EditDistance_AllowsAThirdOfTheTypedLengthAndAtLeastTwo(string typed, string candidate, bool suggested)
    {
        Assert.Equal(suggested, Suggestions.Closest(typed, [candidate], s => s).Count == 1);
    }

    [Fact]
    public void Closest_EqualDistances_AreInOrdinalSlugOrder()
    {
        Assert.Equal(["abd", "abe", "abf"], Suggestions.Closest("abc", ["abf", "abe", "abd"], s => s));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Closest_Max_KeepsOnlyTheClosest(int max)
    {
        // Every "c…" slug is a prefix match; cline (4 edits) is closest, then cursor (5), copilot (6), claude-code (10).
        Assert.Equal(new[] { "cline", "cursor", "copilot", "claude-code" }[..max], Closest("c", max));
    }

    [Fact]
    public void Closest_DefaultMax_IsFive()
    {
        var many = Enumerable.Range(0, 9).Select(i => "tool" + (char)('a' + i)).ToList();

        Assert.Equal(5, Suggestions.Closest("tool", many, s => s).Count);
    }

    [Fact]
    public void Closest_Items_AreReturnedNotTheirSlugs()
    {
        ToolSummary[] tools = [Build.Summary("cursor", "coding"), Build.Summary("aider", "coding")];

        var found = Suggestions.Closest("cursr", tools, t => t.Slug);

        Assert.Same(tools[0], Assert.Single(found));
    }
}
