using System.Globalization;
using AiCompare.Domain;

namespace AiCompare.Tests.Domain;

public sealed class ContentRulesTests
{
    private static readonly HashSet<string> Critics = new(StringComparer.Ordinal) { "builder", "skeptic" };

    private static bool CriticExists(string slug) => Critics.Contains(slug);

    private static IReadOnlyList<FieldProblem> Problems(ToolDraft draft)
    {
        var (tool, problems) = ContentRules.ValidateTool(draft, CriticExists);
        Assert.Null(tool);
        return problems;
    }

    private static ToolContent Valid(ToolDraft draft)
    {
        var (tool, problems) = ContentRules.ValidateTool(draft, CriticExists);
        Assert.Empty(problems);
        Assert.NotNull(tool);
        return tool;
    }

    /// <summary>The default draft with one field, named as the content format names it, set to <paramref name="value"/>.</summary>
    private static ToolDraft With(string field, string? value)
    {
        var d = Build.ToolDraft();
        return field switch
        {
            "slug" => d with { Slug = value ?? "" },
            "name" => d with { Name = value },
            "tagline" => d with { Tagline = value },
            "category" => d with { Category = value },
            "vendor" => d with { Vendor = value },
            "website" => d with { Website = value },
            "reviewed" => d with { Reviewed = value },
            "best_for" => d with { BestFor = value },
            "pricing.entry" => d with { Entry = value },
            "pricing.summary" => d with { PricingSummary = value },
            "pricing.input_per_mtok" => d with { InputPerMTok = value },
            "pricing.output_per_mtok" => d with { OutputPerMTok = value },
            "description" => d with { Description = value },
            "published" => d with { Published = value },
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a tool field"),
        };
    }

    private static string Text(string field, int length) =>
        field == "website" ? "https://x.example/" + new string('a', length - "https://x.example/".Length) : new string('x', length);

    // Tools

    [Theory]
    [InlineData("name")]
    [InlineData("tagline")]
    [InlineData("category")]
    [InlineData("vendor")]
    [InlineData("best_for")]
    [InlineData("pricing.summary")]
    [InlineData("description")]
    public void ValidateTool_ANulCharacterInText_IsRefusedBesideItsField(string field)
    {
        var problem = Assert.Single(Problems(With(field, "Before\0after")));

        Assert.Equal(new FieldProblem(field, "contains a NUL character (U+0000), which text cannot hold: remove it"), problem);
    }

    [Fact]
    public void ValidateReviewAndCritic_ANulCharacterInText_IsRefusedBesideItsField()
    {
        var (_, review) = ContentRules.ValidateReview(new ReviewDraft("builder", "80", "ship", "Ships\0fast", null), CriticExists, "reviews[1].");
        var (_, critic) = ContentRules.ValidateCritic(Build.CriticDraft() with { Bio = "A bio\0", Motto = "\0" });

        Assert.Equal([new FieldProblem("reviews[1].quote", "contains a NUL character (U+0000), which text cannot hold: remove it")], review);
        Assert.Equal(["motto", "bio"], critic.Select(p => p.Field));
    }

    [Fact]
    public void ValidateTool_ValidDraft_YieldsTypedTrimmedValues()
    {
        var draft = new ToolDraft(
            Slug: "smolvlm2-2b",
            Name: "  SmolVLM2-2B ",
            Tagline: " Small vision model. ",
            Category: " Vision ",
            Vendor: " Hugging Face ",
            Website: " https://huggingface.co/smolvlm ",
            Reviewed: " 2026-04-05 ",
            BestFor: " On-device captioning ",
            Entry: " Paid ",
            PricingSummary: " Per token. ",
            InputPerMTok: " 0.40 ",
            OutputPerMTok: "2.00",
            Reviews:
            [
                new ReviewDraft(" builder ", " 85 ", " Ship ", " Good. "),
                new ReviewDraft("skeptic", "55", "SKIP", "Meh.", " 2026-04-06 "),
            ],
            Description: "\n Body text. \n");

        var tool = Valid(draft);

        Assert.Equal("smolvlm2-2b", tool.Slug);
        Assert.Equal("SmolVLM2-2B", tool.Name);
        Assert.Equal("Small vision model.", tool.Tagline);
        Assert.Equal("Vision", tool.Category);
        Assert.Equal("Hugging Face", tool.Vendor);
        Assert.Equal("https://huggingface.co/smolvlm", tool.Website);
        Assert.Equal(new DateOnly(2026, 4, 5), tool.Reviewed);
        Assert.Equal("On-device captioning", tool.BestFor);
        Assert.Equal(new Pricing(PricingEntry.Paid, "Per token.", 0.4m, 2m), tool.Pricing);
        Assert.Equal(
            [
                new ReviewContent("builder", 85, ReviewVerdict.Ship, "Good."),
                new ReviewContent("skeptic", 55, ReviewVerdict.Skip, "Meh.", new DateOnly(2026, 4, 6)),
            ],
            tool.Reviews);
        Assert.Equal("Body text.", tool.Description);
        Assert.True(tool.Published);
    }

    [Fact]
    public void ValidateTool_MinimalDraft_LeavesOptionalFieldsNull()
    {
        var tool = Valid(Build.ToolDraft() with { Vendor = "   ", Website = "", BestFor = " ", Description = null });

        Assert.Null(tool.Vendor);
        Assert.Null(tool.Website);
        Assert.Null(tool.Reviewed);
        Assert.Null(tool.BestFor);
        Assert.Null(tool.Pricing.InputPerMTok);
        Assert.Null(tool.Pricing.OutputPerMTok);
        Assert.Empty(tool.Reviews);
        Assert.Equal("", tool.Description);
    }

    [Theory]
    [InlineData("name", null)]
    [InlineData("name", "")]
    [InlineData("name", "   ")]
    [InlineData("tagline", null)]
    [InlineData("tagline", " ")]
    [InlineData("category", null)]
    [InlineData("category", "")]
    [InlineData("pricing.entry", null)]
    [InlineData("pricing.entry", "  ")]
    [InlineData("pricing.summary", null)]
    [InlineData("pricing.summary", "\t")]
    public void ValidateTool_RequiredFieldMissing_IsReportedAsRequired(string field, string? value)
    {
        var problem = Assert.Single(Problems(With(field, value)));

        Assert.Equal(field, problem.Field);
        Assert.StartsWith("is required", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("slug", "")]
    [InlineData("slug", "Bad Slug")]
    [InlineData("slug", "UPPER")]
    [InlineData("slug", "-tool")]
    [InlineData("slug", "tool-")]
    [InlineData("slug", "a--b")]
    [InlineData("slug", "café")]
    [InlineData("slug", " tool ")]
    [InlineData("category", "!!!")]
    [InlineData("website", "javascript:alert(1)")]
    [InlineData("website", "ftp://x")]
    [InlineData("website", "not a url")]
    [InlineData("website", "/relative/path")]
    [InlineData("website", "mailto:team@x.example")]
    [InlineData("website", "file:///etc/passwd")]
    [InlineData("website", "http://")]
    [InlineData("reviewed", "2026-13-01")]
    [InlineData("reviewed", "05/04/2026")]
    [InlineData("reviewed", "2026-02-30")]
    [InlineData("reviewed", "2026-4-5")]
    [InlineData("reviewed", "yesterday")]
    [InlineData("pricing.entry", "cheap")]
    [InlineData("pricing.entry", "free-ish")]
    [InlineData("pricing.entry", "subscription")]
    [InlineData("pricing.input_per_mtok", "-1")]
    [InlineData("pricing.input_per_mtok", "abc")]
    [InlineData("pricing.input_per_mtok", "1e3")]
    [InlineData("pricing.input_per_mtok", "0.1234567")]
    [InlineData("pricing.input_per_mtok", "10000.01")]
    [InlineData("pricing.input_per_mtok", "1,000")]
    [InlineData("pricing.input_per_mtok", "$0.40")]
    [InlineData("pricing.output_per_mtok", "-0.5")]
    [InlineData("pricing.output_per_mtok", "two")]
    [InlineData("pricing.output_per_mtok", "0.0000001")]
    [InlineData("published", "maybe")]
    public void ValidateTool_BadValue_IsReportedUnderItsField(string field, string value)
    {
        var problem = Assert.Single(Problems(With(field, value)));

        Assert.Equal(field, problem.Field);
    }

    [Theory]
    [InlineData("website", "https://x.example")]
    [InlineData("website", "http://x.example/path?q=1#top")]
    [InlineData("website", "  https://x.example  ")]
    [InlineData("reviewed", "2026-04-05")]
    [InlineData("reviewed", "2024-02-29")]
    [InlineData("category", "C++")]
    [InlineData("pricing.input_per_mtok", "0")]
    [InlineData("pricing.input_per_mtok", "0.123456")]
    [InlineData("pricing.input_per_mtok", "0.1000000")]   // seven places, but only six that matter
    [InlineData("pricing.input_per_mtok", "10000")]
    [InlineData("pricing.output_per_mtok", ".5")]
    [InlineData("published", "true")]
    [InlineData("published", "NO")]
    public void ValidateTool_GoodValue_IsAccepted(string field, string value)
    {
        Valid(With(field, value));
    }

    [Theory]
    [InlineData("free", PricingEntry.Free)]
    [InlineData("Free", PricingEntry.Free)]
    [InlineData("freemium", PricingEntry.Freemium)]
    [InlineData("FREEMIUM", PricingEntry.Freemium)]
    [InlineData("paid", PricingEntry.Paid)]
    [InlineData("PAID", PricingEntry.Paid)]
    [InlineData(" Paid ", PricingEntry.Paid)]
    public void ValidateTool_Entry_IsParsedCaseInsensitively(string entry, PricingEntry expected)
    {
        Assert.Equal(expected, Valid(With("pricing.entry", entry)).Pricing.Entry);
        Assert.True(ContentRules.TryEntry(entry, out var parsed));
        Assert.Equal(expected, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("pay")]
    [InlineData("free mium")]
    public void TryEntry_NotAnEntry_IsFalse(string? text)
    {
        Assert.False(ContentRules.TryEntry(text, out _));
    }

    [Theory]
    [InlineData("0.40", "0.4")]
    [InlineData("2.00", "2")]
    [InlineData(" 0.075 ", "0.075")]
    [InlineData("0.1000000", "0.1")]
    [InlineData("10000", "10000")]
    [InlineData("0", "0")]
    public void ValidateTool_Price_IsOneDecimalValueWhateverTheWriting(string text, string expected)
    {
        var price = Valid(With("pricing.input_per_mtok", text)).Pricing.InputPerMTok;

        Assert.NotNull(price);
        Assert.Equal(expected, price.Value.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("true", true)]
    [InlineData("Yes", true)]
    [InlineData("false", false)]
    [InlineData(" no ", false)]
    public void ValidateTool_Published_DefaultsToTrue(string? published, bool expected)
    {
        Assert.Equal(expected, Valid(With("published", published)).Published);
    }

    [Theory]
    [InlineData("a\r\nb", "a\nb")]
    [InlineData("a\rb", "a\nb")]
    [InlineData("  a\n\nb  ", "a\n\nb")]
    public void ValidateTool_Description_IsTrimmedWithLfLineEnds(string typed, string stored)
    {
        Assert.Equal(stored, Valid(Build.ToolDraft() with { Description = typed }).Description);
    }

    [Theory]
    [InlineData("name", ContentRules.MaxShortText)]
    [InlineData("tagline", ContentRules.MaxLongText)]
    [InlineData("category", ContentRules.MaxShortText)]
    [InlineData("vendor", ContentRules.MaxShortText)]
    [InlineData("website", ContentRules.MaxLongText)]
    [InlineData("best_for", ContentRules.MaxLongText)]
    [InlineData("pricing.summary", ContentRules.MaxLongText)]
    [InlineData("description", ContentRules.MaxDescription)]
    public void ValidateTool_OverlongText_IsReportedWithTheLimit(string field, int max)
    {
        Valid(With(field, Text(field, max)));
        Valid(With(field, "  " + Text(field, max) + "  "));   // measured after trimming

        var problem = Assert.Single(Problems(With(field, Text(field, max + 1))));

        Assert.Equal(new FieldProblem(field, string.Create(CultureInfo.InvariantCulture, $"is longer than {max} characters")), problem);
    }

    [Fact]
    public void ValidateTool_SeveralProblems_AreAllReported()
    {
        var draft = Build.ToolDraft(Build.ReviewDraft(score: "101")) with
        {
            Slug = "Bad",
            Name = null,
            Website = "javascript:alert(1)",
            Entry = "cheap",
            InputPerMTok = "abc",
        };

        Assert.Equal(
            ["slug", "name", "website", "pricing.entry", "pricing.input_per_mtok", "reviews[1].score"],
            Problems(draft).Select(p => p.Field));
    }

    // Reviews within a tool

    [Theory]
    [InlineData(null, "80", "ship", "q", "reviews[1].critic", "is required")]
    [InlineData(" ", "80", "ship", "q", "reviews[1].critic", "is required")]
    [InlineData("nobody", "80", "ship", "q", "reviews[1].critic", "unknown critic 'nobody'")]
    [InlineData("Builder", "80", "ship", "q", "reviews[1].critic", "unknown critic 'Builder'")]
    [InlineData("builder", null, "ship", "q", "reviews[1].score", "is required (a whole number from 0 to 100)")]
    [InlineData("builder", "-1", "ship", "q", "reviews[1].score", "-1 is out of range (0 to 100)")]
    [InlineData("builder", "101", "ship", "q", "reviews[1].score", "101 is out of range (0 to 100)")]
    [InlineData("builder", "85.5", "ship", "q", "reviews[1].score", "'85.5' is not a whole number from 0 to 100")]
    [InlineData("builder", "eighty", "ship", "q", "reviews[1].score", "'eighty' is not a whole number from 0 to 100")]
    [InlineData("builder", "1e2", "ship", "q", "reviews[1].score", "'1e2' is not a whole number from 0 to 100")]
    [InlineData("builder", "80", null, "q", "reviews[1].verdict", "is required (ship or skip)")]
    [InlineData("builder", "80", "maybe", "q", "reviews[1].verdict", "'maybe' is not ship or skip")]
    [InlineData("builder", "80", "shipped", "q", "reviews[1].verdict", "'shipped' is not ship or skip")]
    [InlineData("builder", "80", "ship", null, "reviews[1].quote", "is required")]
    [InlineData("builder", "80", "ship", "", "reviews[1].quote", "is required")]
    [InlineData("builder", "80", "ship", "   ", "reviews[1].quote", "is required")]
    public void ValidateTool_BadReview_IsReportedWithItsPosition(string? critic, string? score, string? verdict, string? quote, string field, string message)
    {
        var problem = Assert.Single(Problems(Build.ToolDraft(Build.ReviewDraft(critic, score, verdict, quote))));

        Assert.Equal(new FieldProblem(field, message), problem);
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("05/04/2026")]
    public void ValidateTool_BadReviewDate_IsReportedWithItsPosition(string reviewed)
    {
        var problem = Assert.Single(Problems(Build.ToolDraft(Build.ReviewDraft(reviewed: reviewed))));

        Assert.Equal("reviews[1].reviewed", problem.Field);
    }

    [Fact]
    public void ValidateTool_SecondReviewBad_IsNumberedFromOne()
    {
        var problems = Problems(Build.ToolDraft(Build.ReviewDraft("builder"), Build.ReviewDraft("skeptic", score: "abc")));

        Assert.Equal("reviews[2].score", Assert.Single(problems).Field);
    }

    [Theory]
    [InlineData("0", "ship", 0, ReviewVerdict.Ship)]
    [InlineData("100", "skip", 100, ReviewVerdict.Skip)]
    [InlineData(" 85 ", "Ship", 85, ReviewVerdict.Ship)]
    [InlineData("42", "SKIP", 42, ReviewVerdict.Skip)]
    [InlineData("7", " ship ", 7, ReviewVerdict.Ship)]
    public void ValidateTool_GoodReview_YieldsScoreAndVerdict(string score, string verdict, int expectedScore, ReviewVerdict expectedVerdict)
    {
        var review = Assert.Single(Valid(Build.ToolDraft(Build.ReviewDraft(score: score, verdict: verdict))).Reviews);

        Assert.Equal(expectedScore, review.Score);
        Assert.Equal(expectedVerdict, review.Verdict);
    }

    [Theory]
    [InlineData("ship", ReviewVerdict.Ship)]
    [InlineData("Ship", ReviewVerdict.Ship)]
    [InlineData("SKIP", ReviewVerdict.Skip)]
    [InlineData(" skip ", ReviewVerdict.Skip)]
    public void TryVerdict_ShipOrSkipInAnyCase_IsParsed(string text, ReviewVerdict expected)
    {
        Assert.True(ContentRules.TryVerdict(text, out var verdict));
        Assert.Equal(expected, verdict);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yes")]
    [InlineData("mixed")]
    public void TryVerdict_NotAVerdict_IsFalse(string? text)
    {
        Assert.False(ContentRules.TryVerdict(text, out _));
    }

    [Theory]
    [InlineData("builder", "builder")]
    [InlineData("builder", " builder ")]
    public void ValidateTool_TwoReviewsByOneCritic_ReportsTheSecond(string first, string second)
    {
        var problems = Problems(Build.ToolDraft(Build.ReviewDraft(first, "80"), Build.ReviewDraft(second, "70", "skip")));

        Assert.Equal(new FieldProblem("reviews[2].critic", "duplicate review by critic 'builder' (one review per critic)"), Assert.Single(problems));
    }

    [Fact]
    public void ValidateTool_CriticCheck_IsAskedWithTheTrimmedSlug()
    {
        var asked = new List<string>();

        ContentRules.ValidateTool(Build.ToolDraft(Build.ReviewDraft("  builder\t")), slug => { asked.Add(slug); return true; });

        Assert.Equal(["builder"], asked);
    }

    [Fact]
    public void ValidateTool_OverlongQuote_IsReportedWithItsPosition()
    {
        Valid(Build.ToolDraft(Build.ReviewDraft(quote: new string('q', ContentRules.MaxQuote))));

        var problem = Assert.Single(Problems(Build.ToolDraft(Build.ReviewDraft(quote: new string('q', ContentRules.MaxQuote + 1)))));

        Assert.Equal(new FieldProblem("reviews[1].quote", "is longer than 2000 characters"), problem);
    }

    // Critics

    [Fact]
    public void ValidateCritic_ValidDraft_YieldsTypedTrimmedValues()
    {
        var draft = new CriticDraft(
            Slug: "builder",
            Name: " The Builder ",
            Label: " Builder ",
            Role: " Staff engineer ",
            Motto: "   ",
            Order: " 3 ",
            ExcitedAbout: ["one", " ", "", " two "],
            TiredOf: ["  "],
            Bio: " Builds things. ");

        var (critic, problems) = ContentRules.ValidateCritic(draft);

        Assert.Empty(problems);
        Assert.NotNull(critic);
        Assert.Equal("The Builder", critic.Name);
        Assert.Equal("Builder", critic.Label);
        Assert.Equal("Staff engineer", critic.Role);
        Assert.Null(critic.Motto);
        Assert.Equal(3, critic.Order);
        Assert.Equal(["one", "two"], critic.ExcitedAbout);
        Assert.Empty(critic.TiredOf);
        Assert.Equal("Builds things.", critic.Bio);
    }

    [Theory]
    [InlineData("name", null)]
    [InlineData("name", "")]
    [InlineData("name", "  ")]
    [InlineData("label", null)]
    [InlineData("label", "")]
    [InlineData("label", " ")]
    public void ValidateCritic_NameOrLabelMissing_IsReportedAsRequired(string field, string? value)
    {
        var draft = field == "name" ? Build.CriticDraft() with { Name = value } : Build.CriticDraft() with { Label = value };

        var (critic, problems) = ContentRules.ValidateCritic(draft);

        Assert.Null(critic);
        Assert.Equal(new FieldProblem(field, "is required"), Assert.Single(problems));
    }

    [Fact]
    public void ValidateCritic_SeveralProblems_AreAllReported()
    {
        var (critic, problems) = ContentRules.ValidateCritic(Build.CriticDraft() with { Name = "", Label = null, Order = "first" });

        Assert.Null(critic);
        Assert.Equal(["name", "label", "order"], problems.Select(p => p.Field));
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData("", 0)]
    [InlineData("0", 0)]
    [InlineData("3", 3)]
    [InlineData(" 12 ", 12)]
    [InlineData("-2", -2)]
    public void ValidateCritic_WholeNumberOrder_IsParsed(string? order, int expected)
    {
        var (critic, problems) = ContentRules.ValidateCritic(Build.CriticDraft() with { Order = order });

        Assert.Empty(problems);
        Assert.Equal(expected, critic?.Order);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("first")]
    [InlineData("3rd")]
    [InlineData("1e2")]
    [InlineData("99999999999")]
    public void ValidateCritic_OrderNotAWholeNumber_IsReported(string order)
    {
        var (critic, problems) = ContentRules.ValidateCritic(Build.CriticDraft() with { Order = order });

        Assert.Null(critic);
        Assert.Equal("order", Assert.Single(problems).Field);
    }

    [Theory]
    [InlineData("Bad Slug")]
    [InlineData("")]
    [InlineData("the--builder")]
    public void ValidateCritic_BadSlug_IsReported(string slug)
    {
        var (critic, problems) = ContentRules.ValidateCritic(Build.CriticDraft() with { Slug = slug });

        Assert.Null(critic);
        Assert.Equal("slug", Assert.Single(problems).Field);
    }

    [Theory]
    [InlineData("name", ContentRules.MaxShortText)]
    [InlineData("label", 40)]
    [InlineData("role", ContentRules.MaxShortText)]
    [InlineData("motto", ContentRules.MaxLongText)]
    [InlineData("bio", ContentRules.MaxDescription)]
    public void ValidateCritic_OverlongText_IsReportedWithTheLimit(string field, int max)
    {
        static CriticDraft WithText(string field, string value) => field switch
        {
            "name" => Build.CriticDraft() with { Name = value },
            "label" => Build.CriticDraft() with { Label = value },
            "role" => Build.CriticDraft() with { Role = value },
            "motto" => Build.CriticDraft() with { Motto = value },
            _ => Build.CriticDraft() with { Bio = value },
        };

        Assert.Empty(ContentRules.ValidateCritic(WithText(field, new string('x', max))).Problems);

        var problem = Assert.Single(ContentRules.ValidateCritic(WithText(field, new string('x', max + 1))).Problems);

        Assert.Equal(new FieldProblem(field, string.Create(CultureInfo.InvariantCulture, $"is longer than {max} characters")), problem);
    }

    [Fact]
    public void ValidateCritic_OverlongListItem_IsReportedByItsPositionInTheList()
    {
        var draft = Build.CriticDraft() with
        {
            ExcitedAbout = ["", new string('x', ContentRules.MaxLongText + 1)],
            TiredOf = ["fine", "also fine", new string('x', ContentRules.MaxLongText + 1)],
        };

        var (critic, problems) = ContentRules.ValidateCritic(draft);

        Assert.Null(critic);
        Assert.Equal(["excited_about[2]", "tired_of[3]"], problems.Select(p => p.Field));
    }
}
