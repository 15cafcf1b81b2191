using AiCompare.Domain;

namespace AiCompare.Tests.Domain;

public sealed class WorkloadTests
{
    [Fact]
    public void ReferenceWorkload_IsTenMillionInAndTwoMillionOut()
    {
        Assert.Equal(10m, Workload.InputMTok);
        Assert.Equal(2m, Workload.OutputMTok);
    }

    [Theory]
    [InlineData(PricingEntry.Paid, "0.40", "2.00", "8.00")]
    [InlineData(PricingEntry.Paid, "0.25", "0.75", "4.00")]
    [InlineData(PricingEntry.Freemium, "0.075", "0.30", "1.35")]
    [InlineData(PricingEntry.Paid, "0", "0", "0")]
    [InlineData(PricingEntry.Paid, "1000", "500", "11000")]
    [InlineData(PricingEntry.Free, null, null, "0")]             // a free tool without token prices costs nothing
    [InlineData(PricingEntry.Free, "0.10", "0.20", "1.40")]      // a free tier that still prices tokens is priced
    [InlineData(PricingEntry.Paid, null, null, null)]            // unknown, not free
    [InlineData(PricingEntry.Freemium, null, null, null)]
    [InlineData(PricingEntry.Paid, "1", null, null)]             // half a price is no price
    [InlineData(PricingEntry.Paid, null, "1", null)]
    [InlineData(PricingEntry.Freemium, "1", null, null)]
    [InlineData(PricingEntry.Free, "1", null, null)]
    [InlineData(PricingEntry.Free, null, "3", null)]
    public void MonthlyCost_ReferenceWorkload_IsInputTimesTenPlusOutputTimesTwo(PricingEntry entry, string? input, string? output, string? expected)
    {
        Assert.Equal(Build.Usd(expected), Workload.MonthlyCost(Build.Pricing(entry, input, output)));
    }

    [Fact]
    public void MonthlyCost_ChosenWorkload_UsesTheChosenMillions()
    {
        var pricing = Build.Pricing(PricingEntry.Paid, "0.40", "2.00");

        Assert.Equal(2.4m, Workload.MonthlyCost(pricing, inputMTok: 1m, outputMTok: 1m));
        Assert.Equal(0m, Workload.MonthlyCost(pricing, inputMTok: 0m, outputMTok: 0m));
    }

    [Theory]
    [InlineData("8", "$8.00")]
    [InlineData("0", "$0.00")]
    [InlineData("4.00", "$4.00")]
    [InlineData("1234.5", "$1,234.50")]
    [InlineData(null, "—")]
    public void Format_Cost_IsDollarsToTheCentOrADash(string? cost, string expected)
    {
        Assert.Equal(expected, Workload.Format(Build.Usd(cost)));
    }

    [Theory]
    [InlineData(PricingEntry.Paid, "0.40", "2.00", "$8.00")]
    [InlineData(PricingEntry.Paid, "0.25", "0.75", "$4.00")]
    [InlineData(PricingEntry.Free, null, null, "$0.00")]
    [InlineData(PricingEntry.Paid, null, null, "—")]
    [InlineData(PricingEntry.Freemium, null, null, "—")]
    [InlineData(PricingEntry.Freemium, null, "2.00", "—")]
    [InlineData(PricingEntry.Paid, "1", null, "—")]
    [InlineData(PricingEntry.Free, null, "3", "—")]
    [InlineData(PricingEntry.Paid, "0.001", "0.0025", "$0.02")]   // 0.015 rounds half away from zero
    [InlineData(PricingEntry.Paid, "1000", "500", "$11,000.00")]
    public void FormatOfMonthlyCost_Pricing_ShowsThePricingRead(PricingEntry entry, string? input, string? output, string expected)
    {
        Assert.Equal(expected, Workload.Format(Workload.MonthlyCost(Build.Pricing(entry, input, output))));
    }

    [Theory]
    [InlineData("10", "10")]
    [InlineData(" 2.5 ", "2.5")]
    [InlineData("0", "0")]
    [InlineData("1.005", "1.01")]        // two places, half away from zero
    [InlineData("-5", "0")]              // clamped
    [InlineData("100001", "100000")]     // clamped to MaxMTok
    [InlineData("abc", null)]
    [InlineData("1e3", null)]
    [InlineData("1,5", null)]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public void ParseMTok_ReaderText_IsAClampedDecimalOrNull(string? text, string? expected)
    {
        Assert.Equal(Build.Usd(expected), Workload.ParseMTok(text));
    }

    [Theory]
    [InlineData("10", "10")]
    [InlineData("2.5", "2.5")]
    [InlineData("2.50", "2.5")]
    [InlineData("0", "0")]
    [InlineData("100000", "100000")]
    public void FormatMTok_Figure_IsWrittenAsPeopleWriteIt(string mtok, string expected)
    {
        Assert.Equal(expected, Workload.FormatMTok(Build.Usd(mtok)!.Value));
    }
}
