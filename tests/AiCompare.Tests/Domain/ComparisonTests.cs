using AiCompare.Domain;

namespace AiCompare.Tests.Domain;

public sealed class ComparisonTests
{
    private const long A = 1;
    private const long B = 2;

    /// <summary>The seed panel, deliberately listed out of panel order.</summary>
    private static readonly Critic[] Panel =
    [
        Build.Critic("founder", 4, "The Founder"),
        Build.Critic("skeptic", 2, "The Skeptic"),
        Build.Critic("builder", 1, "The Builder"),
        Build.Critic("futurist", 3, "The Futurist"),
    ];

    private static Disagreement? DisagreementOf(params Review[] reviews) =>
        Comparison.WhereTheyDisagree(Comparison.Scorecard(Panel, A, B, reviews));

    // Scorecard

    [Fact]
    public void Scorecard_Panel_OneRowPerCriticInPanelOrder()
    {
        var scorecard = Comparison.Scorecard(Panel, A, B, []);

        Assert.Equal(["builder", "skeptic", "futurist", "founder"], scorecard.Select(r => r.Critic.Slug));
        Assert.All(scorecard, r => Assert.Null(r.A));
        Assert.All(scorecard, r => Assert.Null(r.B));
    }

    [Fact]
    public void Scorecard_CriticsWithTheSameOrder_AreOrderedBySlugOrdinally()
    {
        Critic[] panel = [Build.Critic("zed", 1), Build.Critic("b-c", 1), Build.Critic("bc", 1), Build.Critic("first", 0)];

        var scorecard = Comparison.Scorecard(panel, A, B, []);

        Assert.Equal(["first", "b-c", "bc", "zed"], scorecard.Select(r => r.Critic.Slug));
    }

    [Fact]
    public void Scorecard_Reviews_LandInTheirCriticsRowAndColumn()
    {
        var builderOnA = Build.Ship(A, "builder", 80);
        var builderOnB = Build.Skip(B, "builder", 40);
        var skepticOnB = Build.Ship(B, "skeptic", 70);
        var founderOnOtherTool = Build.Ship(99, "founder", 10);

        var scorecard = Comparison.Scorecard(Panel, A, B, [skepticOnB, founderOnOtherTool, builderOnB, builderOnA]);

        Assert.Equal(new ScorecardRow(Panel[2], builderOnA, builderOnB), scorecard[0]);
        Assert.Equal(new ScorecardRow(Panel[1], null, skepticOnB), scorecard[1]);
        Assert.Equal(new ScorecardRow(Panel[3], null, null), scorecard[2]);
        Assert.Equal(new ScorecardRow(Panel[0], null, null), scorecard[3]);   // a review of another tool is not shown
    }

    [Fact]
    public void Scorecard_ReviewByCriticOffThePanel_IsLeftOut()
    {
        var scorecard = Comparison.Scorecard(Panel, A, B, [Build.Ship(A, "guest", 90)]);

        Assert.Equal(4, scorecard.Count);
        Assert.All(scorecard, r => Assert.Null(r.A));
    }

    [Fact]
    public void Scorecard_EmptyPanel_IsEmpty()
    {
        Assert.Empty(Comparison.Scorecard([], A, B, [Build.Ship(A, "builder", 80)]));
    }

    // Where they disagree

    [Fact]
    public void WhereTheyDisagree_Seed004_IsTheFoundersFlip()
    {
        // SmolVLM2-2B (A) against Mistral Medium 3 (B).
        var d = DisagreementOf(
            Build.Ship(A, "builder", 85), Build.Ship(A, "skeptic", 78), Build.Ship(A, "futurist", 82), Build.Ship(A, "founder", 72),
            Build.Ship(B, "builder", 82), Build.Ship(B, "skeptic", 75), Build.Ship(B, "futurist", 78), Build.Skip(B, "founder", 55));

        Assert.NotNull(d);
        Assert.Equal("founder", d.Critic.Slug);
        Assert.True(d.IsVerdictFlip);
        Assert.Equal(17, d.Gap);
        Assert.Equal(
            "The Founder splits the pair: ships SmolVLM2-2B (72/100) but skips Mistral Medium 3 (55/100).",
            d.Describe("SmolVLM2-2B", "Mistral Medium 3"));
    }

    [Fact]
    public void WhereTheyDisagree_FlipAgainstABiggerGap_TheFlipWins()
    {
        var d = DisagreementOf(Build.Ship(A, "builder", 95), Build.Ship(B, "builder", 40), Build.Ship(A, "skeptic", 61), Build.Skip(B, "skeptic", 59));

        Assert.Equal("skeptic", d?.Critic.Slug);
    }

    [Fact]
    public void WhereTheyDisagree_TwoFlips_TheBiggerGapWins()
    {
        var d = DisagreementOf(Build.Ship(A, "builder", 60), Build.Skip(B, "builder", 55), Build.Skip(A, "founder", 20), Build.Ship(B, "founder", 90));

        Assert.Equal("founder", d?.Critic.Slug);
    }

    [Fact]
    public void WhereTheyDisagree_NoFlips_TheBiggestGapWins()
    {
        var d = DisagreementOf(
            Build.Ship(A, "skeptic", 80), Build.Ship(B, "skeptic", 70),
            Build.Ship(A, "futurist", 90), Build.Ship(B, "futurist", 80),
            Build.Ship(A, "founder", 60), Build.Ship(B, "founder", 75));

        Assert.Equal("founder", d?.Critic.Slug);
        Assert.Equal(15, d?.Gap);
    }

    [Fact]
    public void WhereTheyDisagree_EqualGaps_GoToTheFirstInPanelOrder()
    {
        // Listed founder-first, but the skeptic comes first in panel order.
        var d = DisagreementOf(
            Build.Ship(A, "founder", 80), Build.Ship(B, "founder", 70),
            Build.Ship(A, "futurist", 60), Build.Ship(B, "futurist", 70),
            Build.Ship(A, "skeptic", 90), Build.Ship(B, "skeptic", 80));

        Assert.Equal("skeptic", d?.Critic.Slug);
    }

    [Fact]
    public void WhereTheyDisagree_EqualFlips_GoToTheFirstInPanelOrder()
    {
        var d = DisagreementOf(Build.Skip(A, "founder", 50), Build.Ship(B, "founder", 60), Build.Ship(A, "builder", 60), Build.Skip(B, "builder", 50));

        Assert.Equal("builder", d?.Critic.Slug);
    }

    [Fact]
    public void WhereTheyDisagree_CriticWhoReviewedOnlyOne_IsNotCounted()
    {
        var d = DisagreementOf(Build.Ship(A, "builder", 100), Build.Skip(B, "skeptic", 0), Build.Ship(A, "futurist", 70), Build.Ship(B, "futurist", 69));

        Assert.Equal("futurist", d?.Critic.Slug);
    }

    [Fact]
    public void WhereTheyDisagree_NobodyReviewedBoth_IsNull()
    {
        Assert.Null(DisagreementOf(Build.Ship(A, "builder", 80), Build.Skip(B, "skeptic", 30)));
        Assert.Null(DisagreementOf());
        Assert.Null(Comparison.WhereTheyDisagree([]));
    }

    [Fact]
    public void WhereTheyDisagree_SameScoresAndVerdicts_IsStillTheCriticWhoReviewedBoth()
    {
        var d = DisagreementOf(Build.Skip(A, "builder", 80), Build.Skip(B, "builder", 80));

        Assert.NotNull(d);
        Assert.Equal("No critic separates them: The Builder gives both 80/100 and the same verdict.", d.Describe("A", "B"));
    }

    [Theory]
    // Flips name the shipped tool first, whichever side it is on.
    [InlineData(72, "ship", 55, "skip", "The Skeptic splits the pair: ships Alpha (72/100) but skips Beta (55/100).")]
    [InlineData(40, "skip", 65, "ship", "The Skeptic splits the pair: ships Beta (65/100) but skips Alpha (40/100).")]
    [InlineData(50, "skip", 90, "ship", "The Skeptic splits the pair: ships Beta (90/100) but skips Alpha (50/100).")]
    [InlineData(70, "ship", 70, "skip", "The Skeptic splits the pair: ships Alpha (70/100) but skips Beta (70/100).")]
    // Gaps name the higher score first.
    [InlineData(60, "ship", 75, "ship", "The Skeptic sees the widest gap: Beta 75/100 against Alpha 60/100, though The Skeptic ships both.")]
    [InlineData(90, "ship", 80, "ship", "The Skeptic sees the widest gap: Alpha 90/100 against Beta 80/100, though The Skeptic ships both.")]
    [InlineData(40, "skip", 20, "skip", "The Skeptic sees the widest gap: Alpha 40/100 against Beta 20/100, though The Skeptic skips both.")]
    [InlineData(0, "skip", 100, "skip", "The Skeptic sees the widest gap: Beta 100/100 against Alpha 0/100, though The Skeptic skips both.")]
    // No gap at all.
    [InlineData(80, "skip", 80, "skip", "No critic separates them: The Skeptic gives both 80/100 and the same verdict.")]
    [InlineData(64, "ship", 64, "ship", "No critic separates them: The Skeptic gives both 64/100 and the same verdict.")]
    public void Describe_Disagreement_IsOneSentenceNamingTheCritic(int scoreA, string verdictA, int scoreB, string verdictB, string expected)
    {
        var d = new Disagreement(Build.Critic("skeptic", 2, "The Skeptic"), ReviewOf(A, scoreA, verdictA), ReviewOf(B, scoreB, verdictB));

        var sentence = d.Describe("Alpha", "Beta");

        Assert.Equal(expected, sentence);
        Assert.EndsWith(".", sentence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(72, "ship", 55, "skip", true, 17)]
    [InlineData(55, "skip", 72, "ship", true, 17)]
    [InlineData(70, "ship", 70, "skip", true, 0)]
    [InlineData(60, "ship", 75, "ship", false, 15)]
    [InlineData(40, "skip", 20, "skip", false, 20)]
    [InlineData(80, "ship", 80, "ship", false, 0)]
    public void FlipAndGap_TwoReviews_AreVerdictsDifferingAndAbsoluteScoreDifference(int scoreA, string verdictA, int scoreB, string verdictB, bool flip, int gap)
    {
        var d = new Disagreement(Build.Critic("skeptic"), ReviewOf(A, scoreA, verdictA), ReviewOf(B, scoreB, verdictB));

        Assert.Equal(flip, d.IsVerdictFlip);
        Assert.Equal(gap, d.Gap);
    }

    private static Review ReviewOf(long tool, int score, string verdict) =>
        verdict == "ship" ? Build.Ship(tool, "skeptic", score) : Build.Skip(tool, "skeptic", score);

    // Suggested pairs

    [Fact]
    public void SuggestPairs_MixedCategories_PairsSameCategoryNeighboursCanonically()
    {
        ToolSummary[] tools =
        [
            Build.Summary("cursor", "coding"),
            Build.Summary("smolvlm2-2b", "vision"),
            Build.Summary("aider", "coding"),
            Build.Summary("moondream", "vision"),
            Build.Summary("solo", "chat"),
            Build.Summary("cline", "coding"),
        ];

        var pairs = Comparison.SuggestPairs(tools, 10);

        Assert.Equal(["aider-vs-cursor", "aider-vs-cline", "moondream-vs-smolvlm2-2b"], pairs.Select(p => p.Path));
    }

    [Fact]
    public void SuggestPairs_AnyPair_IsCanonicalWithNamesFollowingTheirSlugs()
    {
        ToolSummary[] tools = [Build.Summary("zed", "coding"), Build.Summary("aider", "coding"), Build.Summary("cline", "coding")];

        var pairs = Comparison.SuggestPairs(tools, 10);

        Assert.Equal([new SuggestedPair("aider", "AIDER", "zed", "ZED"), new SuggestedPair("aider", "AIDER", "cline", "CLINE")], pairs);
        Assert.All(pairs, p => Assert.True(string.CompareOrdinal(p.SlugA, p.SlugB) < 0));
    }

    [Fact]
    public void SuggestPairs_DifferentCategories_AreNeverPaired()
    {
        ToolSummary[] tools = [Build.Summary("a", "one"), Build.Summary("b", "two"), Build.Summary("c", "three")];

        Assert.Empty(Comparison.SuggestPairs(tools, 10));
    }

    [Fact]
    public void SuggestPairs_SamePairTwice_IsSuggestedOnce()
    {
        ToolSummary[] tools = [Build.Summary("b", "x"), Build.Summary("a", "x"), Build.Summary("b", "x"), Build.Summary("a", "x")];

        var pairs = Comparison.SuggestPairs(tools, 10);

        Assert.Equal(["a-vs-b"], pairs.Select(p => p.Path));
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(4, 4)]
    [InlineData(100, 4)]
    public void SuggestPairs_Max_IsAnUpperBound(int max, int expected)
    {
        ToolSummary[] tools =
        [
            Build.Summary("a1", "a"), Build.Summary("a2", "a"), Build.Summary("a3", "a"),
            Build.Summary("b1", "b"), Build.Summary("b2", "b"), Build.Summary("b3", "b"),
        ];

        var pairs = Comparison.SuggestPairs(tools, max);

        Assert.Equal(expected, pairs.Count);
        Assert.Equal(new[] { "a1-vs-a2", "a2-vs-a3", "b1-vs-b2", "b2-vs-b3" }[..expected], pairs.Select(p => p.Path));
    }

    [Fact]
    public void SuggestPairs_NoneOrOneTool_IsEmpty()
    {
        Assert.Empty(Comparison.SuggestPairs([], 5));
        Assert.Empty(Comparison.SuggestPairs([Build.Summary("a", "x")], 5));
    }

    [Theory]
    [InlineData("b", "B", "a", "A")]
    [InlineData("a", "A", "b", "B")]
    public void SuggestedPairOf_EitherOrder_IsCanonical(string slug1, string name1, string slug2, string name2)
    {
        var pair = SuggestedPair.Of(slug1, name1, slug2, name2);

        Assert.Equal(new SuggestedPair("a", "A", "b", "B"), pair);
        Assert.Equal("a-vs-b", pair.Path);
    }
}
