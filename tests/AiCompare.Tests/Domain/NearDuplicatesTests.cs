using AiCompare.Domain;

namespace AiCompare.Tests.Domain;

public sealed class NearDuplicatesTests
{
    private static readonly (string Slug, string Name)[] Catalog =
    [
        ("smolvlm2", "SmolVLM2"),
        ("smolvlm2-2b", "SmolVLM2-2B"),
        ("mistral-code", "Mistral Code"),
        ("mistral-medium-3", "Mistral Medium 3"),
        ("cursor", "Cursor"),
    ];

    private static IReadOnlyList<string> Find(string name, string slug) =>
        NearDuplicates.Find(name, slug, Catalog, c => c.Slug, c => c.Name).Select(c => c.Slug).ToList();

    [Theory]
    [InlineData("Mistral-Code!", "mistral-code-new", "mistral-code")] // case and punctuation
    [InlineData("mistral code", "mistralcode", "mistral-code")]
    [InlineData("SmolVLM2 7B", "smolvlm2-7b", "smolvlm2")] // size suffix
    [InlineData("Cursor v2", "cursor-v2", "cursor")] // version suffix
    [InlineData("Mistral Medum 3", "mistral-medum-3", "mistral-medium-3")] // small edit distance
    public void Find_CloseNames_AreFound(string name, string slug, string expected)
    {
        Assert.Contains(expected, Find(name, slug));
    }

    [Fact]
    public void Find_NewToolWithAnExistingSlug_NamesThatToolFirst()
    {
        // "Mistral Medium-3" makes the slug of "Mistral Medium 3": the warning must name it, not skip it.
        Assert.Equal("mistral-medium-3", Find("Mistral Medium-3", "mistral-medium-3")[0]);
    }

    [Fact]
    public void Find_TheToolBeingEdited_IsLeftOut()
    {
        var found = NearDuplicates.Find("Mistral Medium 3", "mistral-medium-3", Catalog, c => c.Slug, c => c.Name, self: "mistral-medium-3");
        Assert.DoesNotContain(found, c => c.Slug == "mistral-medium-3");
    }

    [Fact]
    public void Find_ExactSameKey_RanksFirst()
    {
        Assert.Equal("smolvlm2-2b", Find("SmolVLM2 2B", "smol-vlm2-2b")[0]);
    }

    [Theory]
    [InlineData("Claude Code", "claude-code")]
    [InlineData("Gemini", "gemini")]
    [InlineData("Cohere", "cohere")]
    public void Find_DifferentTools_AreNotFlagged(string name, string slug)
    {
        Assert.Empty(Find(name, slug));
    }

    [Theory]
    [InlineData("SmolVLM2-2B", "smolvlm2")]
    [InlineData("Tool v3", "tool")]
    [InlineData("Qwen 2.5 7B", "qwen25")]
    [InlineData("2B", "2b")]
    [InlineData("Mistral 4B Edge", "mistral4bedge")]
    public void Stem_DropsTrailingSizeAndVersionWords(string text, string expected)
    {
        Assert.Equal(expected, NearDuplicates.Stem(text));
    }
}
