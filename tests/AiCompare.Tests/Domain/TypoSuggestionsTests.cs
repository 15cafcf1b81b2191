using AiCompare.Domain;

namespace AiCompare.Tests.Domain;

public sealed class TypoSuggestionsTests
{
    private static readonly string[] Slugs = ["mistral-code", "mistral-medium-3", "smolvlm2", "smolvlm2-2b", "mercury-edit-2", "vision-pro"];

    [Theory]
    [InlineData("mistrl", "mistral-code")]
    [InlineData("imstral", "mistral-code")]
    [InlineData("msitral", "mistral-code")]
    [InlineData("xmistral", "mistral-code")]
    [InlineData("mistral-mediun", "mistral-medium-3")]
    [InlineData("smolvml2", "smolvlm2")]
    [InlineData("mercry", "mercury-edit-2")]
    public void Closest_FindsTheToolUnderOneOfTheKeys(string typed, string expected)
    {
        var keys = TypoSuggestions.Keys(typed);
        var read = Slugs.Where(s => keys.Any(k => s.StartsWith(k, StringComparison.Ordinal)));

        Assert.Equal(expected, TypoSuggestions.Closest(typed, read, s => s, 3).First());
    }

    [Theory]
    [InlineData("zzzzqqq")]
    [InlineData("quantum")]
    [InlineData("mi")]
    [InlineData("")]
    public void Closest_NothingClose_IsEmpty(string typed)
    {
        Assert.Empty(TypoSuggestions.Closest(typed, Slugs, s => s, 3));
    }

    [Fact]
    public void Keys_AreFewAndShort()
    {
        var keys = TypoSuggestions.Keys("mistrl");

        Assert.InRange(keys.Count, 1, 8);
        Assert.All(keys, k => Assert.InRange(k.Length, 2, 3));
        Assert.Contains("mis", keys);
        Assert.Empty(TypoSuggestions.Keys("ab"));
    }

    [Theory]
    [InlineData("mistrl", "mistral", 1)]
    [InlineData("imstral", "mistral", 1)]
    [InlineData("mistral", "mistral", 0)]
    [InlineData("", "abc", 3)]
    public void Distance_CountsASwapAsOne(string a, string b, int expected)
    {
        Assert.Equal(expected, TypoSuggestions.Distance(a, b));
    }
}
