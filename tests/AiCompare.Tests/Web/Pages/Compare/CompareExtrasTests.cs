using AiCompare.Domain;
using AiCompare.Tests.Support;

namespace AiCompare.Tests.Web.Pages.Compare;

/// <summary>The comparison page's adjustable pricing read and "Other comparisons".</summary>
public sealed class CompareExtrasTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    private const string Seed004 = "/compare/mistral-medium-3-vs-smolvlm2-2b";

    [Theory]
    [InlineData("?in=100&out=20", "100M in + 20M out tokens / month", "$80.00")]
    [InlineData("?in=1&out=0.5", "1M in + 0.5M out tokens / month", "$1.40")]
    [InlineData("?in=-5&out=2", "0M in + 2M out tokens / month", "$4.00")]
    [InlineData("?in=999999999&out=0", "100000M in + 0M out tokens / month", "$40,000.00")]
    [InlineData("?in=&out=5", "10M in + 5M out tokens / month", "$14.00")]
    [InlineData("?in=%20&out=5", "10M in + 5M out tokens / month", "$14.00")]
    [InlineData("?in=1&in=2&out=0.5", "1M in + 0.5M out tokens / month", "$1.40")]
    [InlineData("?in=&out=", "10M in + 2M out tokens / month", "$8.00")]
    [InlineData("?in=1&in=2", "1M in + 2M out tokens / month", "$4.40")]
    public async Task Workload_ValidatedAndClamped(string query, string label, string cost)
    {
        var doc = await site.Client().GetDocumentAsync(Seed004 + query);

        // Clamped, blank (the form sent with a field cleared) or repeated: no error, only junk gets one.
        Assert.Null(doc.QuerySelector("[data-test=workload-error]"));
        var row = doc.QuerySelectorAll("[data-test=decision] tbody tr").Single(tr => tr.One("th").Text() == label);
        Assert.Equal(cost, row.One("[data-test=cost-a]").Text());
        Assert.Equal("$0.00", row.One("[data-test=cost-b]").Text());
        Assert.EndsWith(Seed004, doc.One("link[rel=canonical]").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?in=abc", "abc", "2", true, false)]
    [InlineData("?in=1e9&out=2", "1e9", "2", true, false)]
    [InlineData("?in=abc&out=0", "abc", "0", true, false)]
    [InlineData("?in=5&out=%3Cscript%3E", "5", "<script>", false, true)]
    [InlineData("?in=ten&out=two", "ten", "two", true, true)]
    public async Task Workload_Junk_PricesTheWholeDefault_KeepsTheTypedText_AndNamesTheWrongField(string query, string inValue, string outValue, bool inWrong, bool outWrong)
    {
        var doc = await site.Client().GetDocumentAsync(Seed004 + query);

        Assert.StartsWith("Enter millions of tokens a month as a number", doc.One("[data-test=workload-error]").Text(), StringComparison.Ordinal);
        Assert.Contains("the default workload is shown", doc.One("[data-test=workload-error]").Text(), StringComparison.Ordinal);
        var row = doc.One("#cost");
        Assert.Equal("10M in + 2M out tokens / month", row.One("th").Text());
        Assert.Equal("$8.00", row.One("[data-test=cost-a]").Text());
        Assert.Equal(inValue, doc.One("#workload-in").GetAttribute("value"));
        Assert.Equal(outValue, doc.One("#workload-out").GetAttribute("value"));
        foreach (var (name, wrong) in new[] { ("in", inWrong), ("out", outWrong) })
        {
            var input = doc.One($"#workload-{name}");
            Assert.Equal(wrong ? "true" : "false", input.GetAttribute("aria-invalid"));
            var error = doc.QuerySelector($"[data-test=workload-{name}-error]");
            if (wrong)
            {
                // Beside its field, and read with it.
                Assert.Equal(input.ParentElement, error!.ParentElement);
                Assert.Contains($"workload-{name}-error", input.GetAttribute("aria-describedby"), StringComparison.Ordinal);
            }
            else
            {
                Assert.Null(error);
            }
        }
        Assert.Null(doc.QuerySelector("#workload-hint"));
    }

    [Fact]
    public async Task WorkloadForm_LandsOnTheCostRow()
    {
        var doc = await site.Client().GetDocumentAsync(Seed004 + "?in=100&out=20");

        var form = doc.One("form[data-test=workload-form]");
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal("#cost", form.GetAttribute("action"));
        Assert.Equal("tr", doc.One("#cost").LocalName);
        Assert.Equal("100M in + 20M out tokens / month", doc.One("#cost th").Text());
        Assert.Equal("100", doc.One("#workload-in").GetAttribute("value"));
        Assert.Equal("workload-hint", doc.One("#workload-in").GetAttribute("aria-describedby"));
        Assert.NotNull(doc.QuerySelector("[data-workload-status][role=status]"));
    }

    [Fact]
    public async Task OtherComparisons_PairEachToolWithItsCategoryCanonically()
    {
        var doc = await site.Client().GetDocumentAsync(Seed004);

        var links = doc.QuerySelectorAll("[data-test=other-comparisons] a").Select(a => a.GetAttribute("href")!).ToList();

        Assert.NotEmpty(links);
        Assert.DoesNotContain(Seed004, links);
        Assert.All(links, l =>
        {
            var pair = l["/compare/".Length..];
            var (left, right) = ComparePath.Splits(pair).Single();
            Assert.Equal(ComparePath.Canonical(left, right), pair);
        });
        Assert.Equal(links.Count, links.Distinct().Count());
    }

    [Theory]
    [InlineData("1.5", 1.5)]
    [InlineData(" 10 ", 10)]
    [InlineData("0.125", 0.13)]
    [InlineData("-1", 0)]
    [InlineData("100001", 100000)]
    public void ParseMTok_ClampsAndRounds(string text, double expected)
    {
        Assert.Equal((decimal)expected, Workload.ParseMTok(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1e3")]
    [InlineData("ten")]
    [InlineData("1,5")]
    public void ParseMTok_NotANumber_IsNull(string? text)
    {
        Assert.Null(Workload.ParseMTok(text));
    }
}
