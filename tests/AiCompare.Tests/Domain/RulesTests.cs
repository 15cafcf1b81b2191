using System.Globalization;
using AiCompare.Domain;

namespace AiCompare.Tests.Domain;

/// <summary>The rules every page uses, table by table.</summary>
public sealed class PanelRulesTests
{
    [Theory]
    [InlineData(0, 0, null, "—")]
    [InlineData(4, 0, 100, "100%")]
    [InlineData(3, 1, 75, "75%")]
    [InlineData(1, 2, 33, "33%")]     // 33.33 rounds down
    [InlineData(2, 1, 67, "67%")]     // 66.67 rounds up
    [InlineData(1, 7, 13, "13%")]     // 12.5 rounds half up
    [InlineData(0, 3, 0, "0%")]
    public void ShipPercent_RoundsHalfUp(int ships, int skips, int? percent, string text)
    {
        var panel = new PanelSummary(ships, skips, 0);

        Assert.Equal(percent, panel.ShipPercent);
        Assert.Equal(text, panel.ShipPercentText);
    }

    [Theory]
    [InlineData(0, 0, PanelVerdict.None, "No verdict yet", "No verdict yet")]
    [InlineData(3, 1, PanelVerdict.Ship, "Ship", "Ship · 3 ship / 1 skip")]
    [InlineData(1, 3, PanelVerdict.Skip, "Skip", "Skip · 1 ship / 3 skip")]
    [InlineData(2, 2, PanelVerdict.Mixed, "Mixed", "Mixed · 2 ship / 2 skip")]
    [InlineData(4, 0, PanelVerdict.Ship, "Ship", "Ship · 4 ship / 0 skip")]
    [InlineData(0, 1, PanelVerdict.Skip, "Skip", "Skip · 0 ship / 1 skip")]
    public void Verdict_ShipsBeatSkipsTieIsMixed(int ships, int skips, PanelVerdict verdict, string label, string decision)
    {
        var panel = new PanelSummary(ships, skips, 0);

        Assert.Equal(verdict, panel.Verdict);
        Assert.Equal(label, panel.VerdictLabel);
        Assert.Equal(decision, panel.DecisionText);
    }

    [Theory]
    [InlineData(new[] { 85, 78, 82, 72 }, 79, "avg 79/100")]  // 79.25
    [InlineData(new[] { 82, 75, 78, 55 }, 73, "avg 73/100")]  // 72.5 rounds half up
    [InlineData(new[] { 50 }, 50, "avg 50/100")]
    [InlineData(new[] { 0, 1 }, 1, "avg 1/100")]              // 0.5 rounds half up
    [InlineData(new int[0], null, "No scores yet")]
    public void Average_RoundsHalfUp(int[] scores, int? average, string text)
    {
        var panel = PanelSummary.From(scores.Select((s, i) => new Review(1, "c" + i, s, ReviewVerdict.Ship, "q")));

        Assert.Equal(average, panel.Average);
        Assert.Equal(text, panel.AverageText);
    }

    [Fact]
    public void From_CountsShipsSkipsAndScores()
    {
        var panel = PanelSummary.From([
            new Review(1, "a", 90, ReviewVerdict.Ship, "q"),
            new Review(1, "b", 40, ReviewVerdict.Skip, "q"),
            new Review(1, "c", 70, ReviewVerdict.Ship, "q")]);

        Assert.Equal(new PanelSummary(2, 1, 200), panel);
        Assert.Equal(3, panel.Reviews);
    }
}

public sealed class PricingRulesTests
{
    private static Pricing P(PricingEntry entry, string? input, string? output) => new(
        entry, "s",
        input is null ? null : decimal.Parse(input, CultureInfo.InvariantCulture),
        output is null ? null : decimal.Parse(output, CultureInfo.InvariantCulture));

    [Theory]
    [InlineData(PricingEntry.Paid, "0.40", "2.00", "$8.00")]
    [InlineData(PricingEntry.Paid, "0.25", "0.75", "$4.00")]
    [InlineData(PricingEntry.Free, null, null, "$0.00")]
    [InlineData(PricingEntry.Paid, null, null, "—")]
    [InlineData(PricingEntry.Freemium, null, null, "—")]
    [InlineData(PricingEntry.Paid, "1", null, "—")]
    [InlineData(PricingEntry.Free, null, "3", "—")]
    [InlineData(PricingEntry.Paid, "0.001", "0.0025", "$0.02")]   // 0.015 rounds half away from zero
    [InlineData(PricingEntry.Paid, "1000", "500", "$11,000.00")]
    public void MonthlyCost_TenMillionInTwoMillionOut(PricingEntry entry, string? input, string? output, string expected)
    {
        Assert.Equal(expected, Workload.Format(Workload.MonthlyCost(P(entry, input, output))));
    }

    [Theory]
    [InlineData("1234.5", "$1,234.50")]
    [InlineData("0.005", "$0.01")]
    [InlineData("0", "$0.00")]
    public void Money_FormatsDollarsToTheCent(string value, string expected)
    {
        // The site runs with invariant globalization, and formatting names the invariant culture (CA1305).
        Assert.Equal(expected, Money.Format(decimal.Parse(value, CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("0.40", "$0.40")]
    [InlineData("0.075", "$0.075")]
    [InlineData("2", "$2.00")]
    public void FormatRate_AsPeopleWriteIt(string value, string expected)
    {
        Assert.Equal(expected, Money.FormatRate(decimal.Parse(value, CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData(PricingEntry.Free, "Free")]
    [InlineData(PricingEntry.Freemium, "Freemium")]
    [InlineData(PricingEntry.Paid, "Paid")]
    public void EntryLabel(PricingEntry entry, string label) => Assert.Equal(label, Money.EntryLabel(entry));

    [Theory]
    [InlineData(null, "The tagline")]
    [InlineData("", "The tagline")]
    [InlineData("  ", "The tagline")]
    [InlineData("Teams shipping on phones", "Teams shipping on phones")]
    public void BestFor_FallsBackToTheTagline(string? bestFor, string expected)
    {
        var tool = new Tool(1, "t", "Tool", "The tagline", "Cat", "cat", null, null, null, bestFor, P(PricingEntry.Free, null, null), "");

        Assert.Equal(expected, tool.BestForText);
    }
}

public sealed class SlugAndPathTests
{
    [Theory]
    [InlineData("smolvlm2-2b", true)]
    [InlineData("a", true)]
    [InlineData("ask-vs-tell", true)]
    [InlineData("", false)]
    [InlineData("-a", false)]
    [InlineData("a-", false)]
    [InlineData("a--b", false)]
    [InlineData("A", false)]
    [InlineData("a b", false)]
    [InlineData("a_b", false)]
    [InlineData("é", false)]
    public void IsValid(string slug, bool valid) => Assert.Equal(valid, Slug.IsValid(slug));

    [Fact]
    public void IsValid_TooLong_IsFalse() => Assert.False(Slug.IsValid(new string('a', Slug.MaxLength + 1)));

    [Theory]
    [InlineData("Mistral Medium 3", "mistral-medium-3")]
    [InlineData("SmolVLM2-2B", "smolvlm2-2b")]
    [InlineData("Café Tool", "cafe-tool")]
    [InlineData("Über Straße", "uber-strasse")]
    [InlineData("Ærø Łódź", "aero-lodz")]
    [InlineData("日本語 AI", "ai")]
    [InlineData("  A -- B!! ", "a-b")]
    [InlineData("!!!", "")]
    public void FromName(string name, string slug) => Assert.Equal(slug, Slug.FromName(name));

    [Theory]
    [InlineData("b", "a", "a-vs-b")]
    [InlineData("a", "b", "a-vs-b")]
    [InlineData("smolvlm2-2b", "mistral-medium-3", "mistral-medium-3-vs-smolvlm2-2b")]
    public void Canonical_IsOrdinalOrder(string x, string y, string expected) => Assert.Equal(expected, ComparePath.Canonical(x, y));

    [Fact]
    public void Splits_EveryWayLeftmostFirst()
    {
        Assert.Equal([("a", "b")], ComparePath.Splits("a-vs-b"));
        Assert.Equal([("ask", "tell-vs-b"), ("ask-vs-tell", "b")], ComparePath.Splits("ask-vs-tell-vs-b"));
        Assert.Empty(ComparePath.Splits("a-vs-"));
        Assert.Empty(ComparePath.Splits("-vs-b"));
        Assert.Empty(ComparePath.Splits("nothing"));
        Assert.Empty(ComparePath.Splits(new string('a', 300) + "-vs-b"));
    }
}

public sealed class ComparisonRulesTests
{
    private static readonly Critic[] Panel =
    [
        new("builder", "The Builder", "Builder", null, null, 1, [], [], ""),
        new("skeptic", "The Skeptic", "Skeptic", null, null, 2, [], [], ""),
        new("futurist", "The Futurist", "Futurist", null, null, 3, [], [], ""),
        new("founder", "The Founder", "Founder", null, null, 4, [], [], ""),
    ];

    private static Review R(long tool, string critic, int score, bool ship) => new(tool, critic, score, ship ? ReviewVerdict.Ship : ReviewVerdict.Skip, "q");

    [Fact]
    public void Seed004_FounderFlipIsWhereTheyDisagree()
    {
        var reviews = new[]
        {
            R(1, "builder", 85, true), R(1, "skeptic", 78, true), R(1, "futurist", 82, true), R(1, "founder", 72, true),
            R(2, "builder", 82, true), R(2, "skeptic", 75, true), R(2, "futurist", 78, true), R(2, "founder", 55, false),
        };

        var d = Comparison.WhereTheyDisagree(Comparison.Scorecard(Panel, 1, 2, reviews))!;

        Assert.Equal("founder", d.Critic.Slug);
        Assert.True(d.IsVerdictFlip);
        Assert.Equal("The Founder splits the pair: ships SmolVLM2-2B (72/100) but skips Mistral Medium 3 (55/100).", d.Describe("SmolVLM2-2B", "Mistral Medium 3"));
    }

    [Fact]
    public void AFlipBeatsABiggerGap()
    {
        var reviews = new[] { R(1, "builder", 95, true), R(2, "builder", 40, true), R(1, "skeptic", 61, true), R(2, "skeptic", 59, false) };

        Assert.Equal("skeptic", Comparison.WhereTheyDisagree(Comparison.Scorecard(Panel, 1, 2, reviews))!.Critic.Slug);
    }

    [Fact]
    public void WithoutFlips_TheBiggestGapWins_TiesGoToPanelOrder()
    {
        var reviews = new[] { R(1, "skeptic", 80, true), R(2, "skeptic", 70, true), R(1, "futurist", 90, true), R(2, "futurist", 80, true), R(1, "founder", 60, true), R(2, "founder", 75, true) };

        var d = Comparison.WhereTheyDisagree(Comparison.Scorecard(Panel, 1, 2, reviews))!;

        Assert.Equal("founder", d.Critic.Slug);
        Assert.Equal("The Founder sees the widest gap: B 75/100 against A 60/100, though The Founder ships both.", d.Describe("A", "B"));
        var tie = new[] { R(1, "skeptic", 80, true), R(2, "skeptic", 70, true), R(1, "futurist", 90, true), R(2, "futurist", 80, true) };
        Assert.Equal("skeptic", Comparison.WhereTheyDisagree(Comparison.Scorecard(Panel, 1, 2, tie))!.Critic.Slug);
    }

    [Fact]
    public void NobodyReviewedBoth_NoDisagreement_MissingCriticsAreNotReviewed()
    {
        var reviews = new[] { R(1, "builder", 80, true), R(2, "skeptic", 30, false) };

        var scorecard = Comparison.Scorecard(Panel, 1, 2, reviews);

        Assert.Null(Comparison.WhereTheyDisagree(scorecard));
        Assert.Equal(["builder", "skeptic", "futurist", "founder"], scorecard.Select(r => r.Critic.Slug));
        Assert.NotNull(scorecard[0].A);
        Assert.Null(scorecard[0].B);
        Assert.Null(scorecard[2].A);
    }

    [Fact]
    public void SameScoresAndVerdicts_SaySoPlainly()
    {
        var reviews = new[] { R(1, "builder", 80, false), R(2, "builder", 80, false) };

        Assert.Equal("No critic separates them: The Builder gives both 80/100 and the same verdict.",
            Comparison.WhereTheyDisagree(Comparison.Scorecard(Panel, 1, 2, reviews))!.Describe("A", "B"));
    }
}

public sealed class ContentRulesTests
{
    private static ToolDraft Draft(
        string slug = "tool", string? name = "Tool", string? website = null, string? reviewed = null, string? entry = "paid",
        string? input = null, params ReviewDraft[] reviews) =>
        new(slug, name, "Tagline", "Category", null, website, reviewed, null, entry, "Summary", input, null, reviews, "Body");

    private static IReadOnlyList<FieldProblem> Problems(ToolDraft draft) => ContentRules.ValidateTool(draft, c => c is "builder" or "skeptic").Problems;

    [Fact]
    public void ValidDraft_YieldsTypedValuesTrimmed()
    {
        var (tool, problems) = ContentRules.ValidateTool(
            Draft(name: "  Tool  ", website: "https://x.example", reviewed: "2026-04-05", entry: "PAID", input: "0.40",
                reviews: new ReviewDraft("builder", "85", "Ship", " Good. ")), _ => true);

        Assert.Empty(problems);
        Assert.Equal("Tool", tool!.Name);
        Assert.Equal(new DateOnly(2026, 4, 5), tool.Reviewed);
        Assert.Equal(PricingEntry.Paid, tool.Pricing.Entry);
        Assert.Equal(0.4m, tool.Pricing.InputPerMTok);
        Assert.Equal(new ReviewContent("builder", 85, ReviewVerdict.Ship, "Good."), tool.Reviews.Single());
    }

    [Theory]
    [InlineData("name", null, null, null, "paid", null)]
    [InlineData("website", "Tool", "javascript:alert(1)", null, "paid", null)]
    [InlineData("website", "Tool", "ftp://x.example", null, "paid", null)]
    [InlineData("website", "Tool", "not a url", null, "paid", null)]
    [InlineData("reviewed", "Tool", null, "2026-13-01", "paid", null)]
    [InlineData("reviewed", "Tool", null, "05/04/2026", "paid", null)]
    [InlineData("pricing.entry", "Tool", null, null, "cheap", null)]
    [InlineData("pricing.entry", "Tool", null, null, null, null)]
    [InlineData("pricing.input_per_mtok", "Tool", null, null, "paid", "-1")]
    [InlineData("pricing.input_per_mtok", "Tool", null, null, "paid", "abc")]
    [InlineData("pricing.input_per_mtok", "Tool", null, null, "paid", "1e3")]
    [InlineData("pricing.input_per_mtok", "Tool", null, null, "paid", "0.1234567")]
    public void BadField_IsNamedAsTheContentFormatNamesIt(string field, string? name, string? website, string? reviewed, string? entry, string? input)
    {
        Assert.Contains(Problems(Draft(name: name, website: website, reviewed: reviewed, entry: entry, input: input)), p => p.Field == field);
    }

    [Fact]
    public void BadSlug_IsReported() => Assert.Contains(Problems(Draft(slug: "Bad Slug")), p => p.Field == "slug");

    [Theory]
    [InlineData("nobody", "80", "ship", "q", "reviews[1].critic", "unknown critic 'nobody'")]
    [InlineData("builder", "101", "ship", "q", "reviews[1].score", "101 is out of range (0 to 100)")]
    [InlineData("builder", "-1", "ship", "q", "reviews[1].score", "-1 is out of range (0 to 100)")]
    [InlineData("builder", "85.5", "ship", "q", "reviews[1].score", "'85.5' is not a whole number from 0 to 100")]
    [InlineData("builder", "eighty", "ship", "q", "reviews[1].score", "'eighty' is not a whole number from 0 to 100")]
    [InlineData("builder", "80", "maybe", "q", "reviews[1].verdict", "'maybe' is not ship or skip")]
    [InlineData("builder", "80", "ship", "", "reviews[1].quote", "is required")]
    public void BadReview_IsReportedWithItsPosition(string critic, string score, string verdict, string quote, string field, string message)
    {
        var problems = Problems(Draft(reviews: new ReviewDraft(critic, score, verdict, quote)));

        Assert.Contains(new FieldProblem(field, message), problems);
    }

    [Fact]
    public void DuplicateCritic_IsReported()
    {
        var problems = Problems(Draft(reviews: [new ReviewDraft("builder", "80", "ship", "a"), new ReviewDraft("builder", "70", "skip", "b")]));

        Assert.Contains(problems, p => p.Field == "reviews[2].critic" && p.Message.StartsWith("duplicate review", StringComparison.Ordinal));
    }

    [Fact]
    public void OverlongText_IsReported()
    {
        Assert.Contains(Problems(Draft(name: new string('x', ContentRules.MaxShortText + 1))), p => p.Field == "name");
    }

    [Fact]
    public void Critic_NameAndLabelRequired_OrderWhole_EmptyItemsDropped()
    {
        var (bad, problems) = ContentRules.ValidateCritic(new CriticDraft("c", "", null, null, null, "first", [], [], null));
        var (good, none) = ContentRules.ValidateCritic(new CriticDraft("c", "The C", "C", null, null, "3", ["one", " ", "two"], [], "Bio"));

        Assert.Null(bad);
        Assert.Contains(problems, p => p.Field == "name");
        Assert.Contains(problems, p => p.Field == "label");
        Assert.Contains(problems, p => p.Field == "order");
        Assert.Empty(none);
        Assert.Equal(3, good!.Order);
        Assert.Equal(["one", "two"], good.ExcitedAbout);
    }
}

public sealed class LineEndingTests
{
    [Theory]
    [InlineData("a\r\nb", "a\nb")]
    [InlineData("a\rb", "a\nb")]
    [InlineData("  a\n\nb  ", "a\n\nb")]
    public void Description_KeepsLfLineEnds(string typed, string stored)
    {
        var draft = new ToolDraft("t", "T", "Tag", "Cat", null, null, null, null, "free", "Free", null, null, [], typed);

        Assert.Equal(stored, ContentRules.ValidateTool(draft, _ => true).Tool!.Description);
    }
}
