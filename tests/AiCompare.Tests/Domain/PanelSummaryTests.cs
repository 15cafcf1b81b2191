using System.Globalization;
using AiCompare.Domain;

namespace AiCompare.Tests.Domain;

public sealed class PanelSummaryTests
{
    [Theory]
    [InlineData(0, 0, null, "—")]
    [InlineData(4, 0, 100, "100%")]
    [InlineData(0, 3, 0, "0%")]
    [InlineData(3, 1, 75, "75%")]
    [InlineData(1, 1, 50, "50%")]
    [InlineData(1, 2, 33, "33%")]   // 33.33 rounds down
    [InlineData(2, 1, 67, "67%")]   // 66.67 rounds up
    [InlineData(1, 7, 13, "13%")]   // 12.5 rounds half up, not to even
    [InlineData(3, 5, 38, "38%")]   // 37.5
    [InlineData(5, 3, 63, "63%")]   // 62.5
    [InlineData(1, 0, 100, "100%")]
    public void ShipPercent_ShipsOverReviews_RoundsHalfUpToAWholePercent(int ships, int skips, int? percent, string text)
    {
        var panel = new PanelSummary(ships, skips, 0);

        Assert.Equal(percent, panel.ShipPercent);
        Assert.Equal(text, panel.ShipPercentText);
    }

    [Theory]
    [InlineData(0, 0, PanelVerdict.None, "No verdict yet", "No verdict yet")]
    [InlineData(3, 1, PanelVerdict.Ship, "Ship", "Ship \u00B7 3 ship / 1 skip")]
    [InlineData(1, 0, PanelVerdict.Ship, "Ship", "Ship \u00B7 1 ship / 0 skip")]
    [InlineData(4, 0, PanelVerdict.Ship, "Ship", "Ship \u00B7 4 ship / 0 skip")]
    [InlineData(1, 3, PanelVerdict.Skip, "Skip", "Skip \u00B7 1 ship / 3 skip")]
    [InlineData(0, 1, PanelVerdict.Skip, "Skip", "Skip \u00B7 0 ship / 1 skip")]
    [InlineData(2, 2, PanelVerdict.Mixed, "Mixed", "Mixed \u00B7 2 ship / 2 skip")]
    [InlineData(12, 11, PanelVerdict.Ship, "Ship", "Ship \u00B7 12 ship / 11 skip")]
    public void Verdict_ShipsAgainstSkips_GivesLabelAndDecisionText(int ships, int skips, PanelVerdict verdict, string label, string decision)
    {
        var panel = new PanelSummary(ships, skips, 0);

        Assert.Equal(verdict, panel.Verdict);
        Assert.Equal(label, panel.VerdictLabel);
        Assert.Equal(decision, panel.DecisionText);
    }

    [Fact]
    public void DecisionText_WithReviews_UsesAMiddleDotWithSpacesAround()
    {
        var text = new PanelSummary(3, 1, 0).DecisionText;

        Assert.Contains(" \u00B7 ", text, StringComparison.Ordinal);
        Assert.DoesNotContain(".", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new int[0], null, "No scores yet")]
    [InlineData(new[] { 85, 78, 82, 72 }, 79, "avg 79/100")]   // 79.25
    [InlineData(new[] { 82, 75, 78, 55 }, 73, "avg 73/100")]   // 72.5 rounds up
    [InlineData(new[] { 100 }, 100, "avg 100/100")]
    [InlineData(new[] { 50 }, 50, "avg 50/100")]
    [InlineData(new[] { 0 }, 0, "avg 0/100")]
    [InlineData(new[] { 50, 51 }, 51, "avg 51/100")]           // 50.5
    [InlineData(new[] { 0, 1 }, 1, "avg 1/100")]               // 0.5 rounds up
    [InlineData(new[] { 0, 0, 1 }, 0, "avg 0/100")]            // 0.33
    [InlineData(new[] { 0, 1, 1 }, 1, "avg 1/100")]            // 0.67
    public void Average_MeanScore_RoundsHalfUp(int[] scores, int? average, string text)
    {
        var panel = PanelSummary.From(scores.Select((s, i) => Build.Ship(1, "critic-" + i.ToString(CultureInfo.InvariantCulture), s)));

        Assert.Equal(average, panel.Average);
        Assert.Equal(text, panel.AverageText);
    }

    [Fact]
    public void From_MixedReviews_CountsShipsSkipsAndScoreTotal()
    {
        var panel = PanelSummary.From([Build.Ship(1, "a", 90), Build.Skip(1, "b", 40), Build.Ship(1, "c", 70), Build.Skip(1, "d", 10)]);

        Assert.Equal(new PanelSummary(2, 2, 210), panel);
        Assert.Equal(4, panel.Reviews);
    }

    [Fact]
    public void From_NoReviews_IsEmpty()
    {
        var panel = PanelSummary.From([]);

        Assert.Equal(PanelSummary.Empty, panel);
        Assert.Equal(0, panel.Reviews);
        Assert.Null(panel.ShipPercent);
        Assert.Null(panel.Average);
        Assert.Equal(PanelVerdict.None, panel.Verdict);
    }

    [Fact]
    public void From_Seed004SmolVlm_MatchesTheCountsSqlWouldGive()
    {
        var panel = PanelSummary.From([Build.Ship(1, "builder", 85), Build.Ship(1, "skeptic", 78), Build.Ship(1, "futurist", 82), Build.Ship(1, "founder", 72)]);

        Assert.Equal(new PanelSummary(4, 0, 317), panel);
        Assert.Equal("100%", panel.ShipPercentText);
        Assert.Equal("avg 79/100", panel.AverageText);
        Assert.Equal("Ship \u00B7 4 ship / 0 skip", panel.DecisionText);
    }

    [Theory]
    [InlineData(0, 5, 0)]
    [InlineData(4, 10, 0)]     // 0.4
    [InlineData(5, 10, 1)]     // 0.5 rounds up
    [InlineData(15, 10, 2)]    // 1.5
    [InlineData(25, 10, 3)]    // 2.5 rounds up, not to even
    [InlineData(100, 3, 33)]   // 33.33
    [InlineData(200, 3, 67)]   // 66.67
    [InlineData(100, 8, 13)]   // 12.5
    [InlineData(317, 4, 79)]   // 79.25
    [InlineData(290, 4, 73)]   // 72.5
    [InlineData(7, 1, 7)]
    public void RoundHalfUp_NonNegativeFraction_RoundsHalvesUp(int numerator, int denominator, int expected)
    {
        Assert.Equal(expected, PanelSummary.RoundHalfUp(numerator, denominator));
    }
}
