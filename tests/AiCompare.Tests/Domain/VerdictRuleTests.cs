using AiCompare.Domain;

namespace AiCompare.Tests.Domain;

public sealed class VerdictRuleTests
{
    [Theory]
    [InlineData(0, 0, PanelVerdict.None)]
    [InlineData(1, 0, PanelVerdict.Ship)]
    [InlineData(3, 1, PanelVerdict.Ship)]
    [InlineData(5, 4, PanelVerdict.Ship)]
    [InlineData(0, 1, PanelVerdict.Skip)]
    [InlineData(1, 3, PanelVerdict.Skip)]
    [InlineData(4, 5, PanelVerdict.Skip)]
    [InlineData(1, 1, PanelVerdict.Mixed)]
    [InlineData(2, 2, PanelVerdict.Mixed)]
    [InlineData(50, 50, PanelVerdict.Mixed)]
    public void Of_ShipsAgainstSkips_MajorityWinsTieIsMixed(int ships, int skips, PanelVerdict expected)
    {
        Assert.Equal(expected, VerdictRule.Of(ships, skips));
    }

    [Fact]
    public void Of_SwappingShipsAndSkips_SwapsShipAndSkip()
    {
        for (var ships = 0; ships <= 6; ships++)
        {
            for (var skips = 0; skips <= 6; skips++)
            {
                var verdict = VerdictRule.Of(ships, skips);
                var mirrored = VerdictRule.Of(skips, ships);
                var expected = verdict switch
                {
                    PanelVerdict.Ship => PanelVerdict.Skip,
                    PanelVerdict.Skip => PanelVerdict.Ship,
                    _ => verdict,
                };
                Assert.Equal(expected, mirrored);
            }
        }
    }

    [Theory]
    [InlineData(PanelVerdict.Ship, "Ship", "ship")]
    [InlineData(PanelVerdict.Skip, "Skip", "skip")]
    [InlineData(PanelVerdict.Mixed, "Mixed", "mixed")]
    [InlineData(PanelVerdict.None, "No verdict yet", "none")]
    public void LabelAndToken_EachVerdict_HaveTheirText(PanelVerdict verdict, string label, string token)
    {
        Assert.Equal(label, VerdictRule.Label(verdict));
        Assert.Equal(token, VerdictRule.Token(verdict));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(3, 1)]
    [InlineData(1, 3)]
    [InlineData(2, 2)]
    public void PanelSummaryVerdict_AnyCounts_IsTheSharedRule(int ships, int skips)
    {
        Assert.Equal(VerdictRule.Of(ships, skips), new PanelSummary(ships, skips, 0).Verdict);
    }
}
