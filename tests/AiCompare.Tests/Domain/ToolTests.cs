namespace AiCompare.Tests.Domain;

public sealed class ToolTests
{
    [Theory]
    [InlineData(null, "The tagline")]
    [InlineData("", "The tagline")]
    [InlineData("   ", "The tagline")]
    [InlineData("\t\n", "The tagline")]
    [InlineData("Teams shipping on phones", "Teams shipping on phones")]
    public void BestForText_BestForMissingOrBlank_FallsBackToTheTagline(string? bestFor, string expected)
    {
        Assert.Equal(expected, Build.Tool(tagline: "The tagline", bestFor: bestFor).BestForText);
    }

    [Theory]
    [InlineData("Mistral Medium 3", "M")]
    [InlineData("cursor", "C")]
    [InlineData("ünsloth", "Ü")]
    [InlineData("9router", "9")]
    [InlineData("", "?")]
    public void Initial_Name_IsItsFirstLetterUppercased(string name, string expected)
    {
        Assert.Equal(expected, Build.Tool(name: name).Initial);
    }
}
