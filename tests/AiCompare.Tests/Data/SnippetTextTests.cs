using AiCompare.Data;

namespace AiCompare.Tests.Data;

/// <summary>Search snippets cut out of Markdown read as plain text, marks kept in pairs.</summary>
public sealed class SnippetTextTests
{
    private const string S = SearchRepository.MarkStart;
    private const string E = SearchRepository.MarkEnd;

    [Theory]
    [InlineData("**" + S + "SmolVLM2" + E + "** is a small model", S + "SmolVLM2" + E + " is a small model")]
    [InlineData("…tool. Worth knowing:\n- " + S + "Mistral" + E + "'s editor\n- runs locally…", "…tool. Worth knowing: " + S + "Mistral" + E + "'s editor runs locally…")]
    [InlineData("SmolVLM2** is " + S + "fast" + E + " and `tiny", "SmolVLM2 is " + S + "fast" + E + " and tiny")]
    [InlineData("## " + S + "Vision" + E + " first\n\n> quoted", S + "Vision" + E + " first quoted")]
    [InlineData("see [the " + S + "docs" + E + "](https://example.com/" + S + "docs" + E + ")", "see the " + S + "docs" + E)]
    [InlineData("Predicts the next <b>" + S + "coffee" + E + "</b>.", "Predicts the next <b>" + S + "coffee" + E + "</b>.")]
    [InlineData("read [the " + S + "docs" + E + "](https://exam…", "read the " + S + "docs" + E + "…")]
    [InlineData("a snake_case name and __bold__", "a snake_case name and bold")]
    [InlineData("  \n ", "")]
    public void Plain_DropsMarkdownKeepsTextAndMarks(string fragment, string expected)
    {
        Assert.Equal(expected, SnippetText.Plain(fragment));
    }

    [Theory]
    [InlineData("[" + S + "x" + E + "](http://a/b) " + E + " c " + S)]
    [InlineData(E + E + S + S + "d")]
    public void Plain_LeavesNoMarkWithoutItsPartner(string fragment)
    {
        var plain = SnippetText.Plain(fragment);
        var depth = 0;
        foreach (var c in plain)
        {
            if (c == S[0]) depth++;
            if (c == E[0]) depth--;
            Assert.InRange(depth, 0, 1);
        }
        Assert.Equal(0, depth);
    }
}
