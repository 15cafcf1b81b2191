using AiCompare.Domain;

namespace AiCompare.Tests.Domain;

public sealed class CommunityTallyTests
{
    [Theory]
    [InlineData(0, 0, "—", "No community votes yet")]
    [InlineData(1, 0, "100%", "Ship · 100% of 1 vote")]
    [InlineData(16, 9, "64%", "Ship · 64% of 25 votes")]
    [InlineData(1, 1, "50%", "Mixed · 50% of 2 votes")]
    [InlineData(1, 2, "33%", "Skip · 33% of 3 votes")]
    [InlineData(1, 7, "13%", "Skip · 13% of 8 votes")]
    public void Tally_ShowsHeroAndDecisionTextWithThePanelsVerdictRule(int ships, int skips, string hero, string decision)
    {
        var tally = new CommunityTally(ships, skips);

        Assert.Equal(hero, tally.HeroText);
        Assert.Equal(decision, tally.DecisionText);
        Assert.Equal(VerdictRule.Of(ships, skips), tally.Verdict);
    }
}
